namespace HarmReduction.Bot.Channels.Sms;

/// <summary>
/// <c>Sms:Keywords:*</c>: the bot's own answers to carrier keywords (STOP, START, HELP). Texts may use the
/// <c>Resources</c> placeholders (<c>{program_name}</c>, <c>{emergency_number}</c>, <c>{crisis_line}</c>, <c>{human_contact}</c>).
/// </summary>
public sealed class SmsKeywordOptions
{
    public const string Section = "Sms:Keywords";

    public const string DefaultHelpText =
        "{program_name}: free, anonymous drug-safety info. Text a question anytime. Emergency: call {emergency_number}. Crisis: call or text {crisis_line}. Reply STOP to opt out.";

    public const string DefaultOptOutText =
        "{program_name}: you're opted out and will get no more messages. Reply START to text with us again.";

    public const string DefaultOptInText =
        "{program_name}: you're opted in again. Text a question anytime. Reply HELP for help, STOP to opt out.";

    /// <summary>
    /// Whether the bot answers the keywords itself. Turn it off when Twilio (Advanced Opt-Out) answers them, so nobody
    /// gets two replies; opt-outs are recorded either way.
    /// </summary>
    public bool Reply { get; set; } = true;

    public string HelpText { get; set; } = DefaultHelpText;

    public string OptOutText { get; set; } = DefaultOptOutText;

    public string OptInText { get; set; } = DefaultOptInText;
}
