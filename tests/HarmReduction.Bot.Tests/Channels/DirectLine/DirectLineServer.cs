using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Channels.DirectLine;

/// <summary>One real server per test class, with a Direct Line secret (as a site that embeds Web Chat has).</summary>
public sealed class DirectLineServer : IDisposable
{
    public const string Secret = "test-directline-secret-0123456789";

    public BotServer Server { get; } = new(new Dictionary<string, string?>
    {
        ["DirectLine:Secret"] = Secret,
        ["WebChat:TokensPerMinute"] = "1000",
        ["WebChat:FrameAncestors"] = "http://127.0.0.1:*",
    });

    public Uri BaseAddress => Server.BaseAddress;

    public void Dispose() => Server.Dispose();
}
