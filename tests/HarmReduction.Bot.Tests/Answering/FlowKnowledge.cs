using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Answering;

/// <summary>The controlled entries in FlowKnowledge/ next to the real support files (messages, safety patterns, synonyms).</summary>
internal static class FlowKnowledge
{
    public static string CreateFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hrb-flow-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "en"));
        foreach (var file in new[] { "messages.yaml", "safety.yaml", "synonyms.yaml", "language.yaml" })
        {
            File.Copy(Path.Combine(RepoPaths.Knowledge, file), Path.Combine(folder, file));
        }

        var source = Path.Combine(RepoPaths.Root, "tests", "HarmReduction.Bot.Tests", "Answering", "FlowKnowledge", "en", "flow.yaml");
        File.Copy(source, Path.Combine(folder, "en", "flow.yaml"));
        return folder;
    }
}
