namespace HarmReduction.Bot.Channels.Sms;

/// <summary>One SMS to send: its text and what it costs (GSM-7 or UCS-2, units, segments).</summary>
public sealed record SmsReply(string Text, SmsLength Length);
