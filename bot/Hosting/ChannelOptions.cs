using System.ComponentModel.DataAnnotations;
using HarmReduction.Bot.Conversation;

namespace HarmReduction.Bot.Hosting;

/// <summary>How replies are shaped per channel (<c>Sms:MaxSegments</c>).</summary>
public sealed class ChannelOptions
{
    public const string Section = "Sms";

    /// <summary>Most SMS segments one reply may use; the rest waits behind "Reply MORE".</summary>
    [Range(1, 10)]
    public int MaxSegments { get; set; } = 3;

    public ChannelProfile SmsProfile(string channelId = "sms") => ChannelProfile.Sms(channelId, MaxSegments);
}
