namespace HarmReduction.Bot.Channels.DirectLine;

public enum TokenStatus
{
    Invalid,
    Expired,
    Valid,
}
