using System.ComponentModel.DataAnnotations;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>The built-in page and its anonymous tokens (<c>WebChat:FrameAncestors</c>, <c>WebChat:TokensPerMinute</c>).</summary>
public sealed class WebChatOptions
{
    public const string Section = "WebChat";

    /// <summary>Sites allowed to show the page in an iframe, space-separated origins (CSP <c>frame-ancestors</c>); the page's own origin always may.</summary>
    [RegularExpression(@"^[A-Za-z0-9:/.*\- ]*$", ErrorMessage = "WebChat:FrameAncestors takes space-separated origins such as https://example.org.")]
    public string FrameAncestors { get; set; } = string.Empty;

    /// <summary>Anonymous tokens one client address may take per minute from <c>/api/directline/token</c>.</summary>
    [Range(1, 10_000)]
    public int TokensPerMinute { get; set; } = 10;

    /// <summary>Anonymous tokens all clients together may take per minute, whatever addresses they come from.</summary>
    [Range(1, 1_000_000)]
    public int TotalTokensPerMinute { get; set; } = 600;
}
