namespace HarmReduction.Bot.Channels.Sms;

/// <summary>What a carrier keyword asks for.</summary>
public enum SmsKeyword
{
    None,
    OptOut,
    OptIn,
    Help,
}
