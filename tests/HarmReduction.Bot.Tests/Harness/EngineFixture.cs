namespace HarmReduction.Bot.Tests.Harness;

/// <summary>One engine over the real knowledge folder, shared by a test class (every test uses its own conversation).</summary>
public sealed class EngineFixture : IDisposable
{
    public TestBotHost Bot { get; } = new();

    public void Dispose() => Bot.Dispose();
}
