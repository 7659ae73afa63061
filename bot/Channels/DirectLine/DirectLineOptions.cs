using System.ComponentModel.DataAnnotations;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>The Direct Line 3.0 server (<c>DirectLine:Secret</c>, <c>DirectLine:TokenLifetime</c>).</summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>
    /// The master key a site's own backend uses for <c>tokens/generate</c>; it also signs tokens, so every instance of the
    /// service must share it. Without it, <c>tokens/generate</c> is refused and tokens are signed with a per-process key.
    /// </summary>
    public string? Secret { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
