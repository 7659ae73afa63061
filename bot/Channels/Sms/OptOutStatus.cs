namespace HarmReduction.Bot.Channels.Sms;

/// <summary>Whether a sender opted out; <see cref="Unknown"/> when the state store could not be asked and nothing local says.</summary>
public enum OptOutStatus
{
    Unknown,
    Active,
    OptedOut,
}
