using HarmReduction.Bot.Knowledge;
using Microsoft.Extensions.Time.Testing;

namespace HarmReduction.Bot.Tests.Knowledge;

/// <summary>A throwaway knowledge folder with minimal support files, for validation tests.</summary>
internal sealed class KnowledgeFolderBuilder : IDisposable
{
    public const string ValidEntry = """
        - id: naloxone-basics
          title: What naloxone is
          topic: naloxone
          lang: en
          questions:
            - what is narcan
            - what does naloxone do
            - is naloxone the same as narcan
          answer:
            sms: >-
              Naloxone (Narcan) reverses an opioid overdose.
            web: |-
              **Naloxone (Narcan) reverses an opioid overdose.**
          sources:
            - title: "CDC: Lifesaving Naloxone"
              url: https://www.cdc.gov/stop-overdose/caring/naloxone.html
          reviewed: 2026-11-01
        """;

    public KnowledgeFolderBuilder()
    {
        Directory.CreateDirectory(Path.Combine(Root, "en"));
        File.WriteAllText(Path.Combine(Root, "messages.yaml"), string.Join("\n", BotMessages.RequiredKeys.Select(k => $"{k}:\n  en: \"text for {k}\"")) + "\n");
        File.WriteAllText(Path.Combine(Root, "safety.yaml"), """
            emergency:
              - name: opioid-overdose
                reply: welcome
                signs:
                  en: [not breathing]
            crisis:
              reply: help
              signs:
                en: [want to die]
            now:
              en: [he]
            question:
              en: [signs of]
            """);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "hrb-knowledge-" + Guid.NewGuid().ToString("N"));

    /// <summary>The file's path as errors name it: from the knowledge folder's own name.</summary>
    public string Display(string relative) => Path.Combine(Path.GetFileName(Root), relative);

    public KnowledgeFolderBuilder With(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public KnowledgeLoadResult Load() => Load(new ResourcesOptions());

    public KnowledgeLoadResult Load(ResourcesOptions resources) =>
        new KnowledgeLoader(resources, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero))).Load(Root);

    /// <summary><see cref="ValidEntry"/> as a Spanish entry (its own id and questions) that names the English one as its twin.</summary>
    public static string SpanishTwin(string sms = "La naloxona (Narcan) revierte una sobredosis de opioides.") => ValidEntry
        .Replace("naloxone-basics", "naloxona-basica-es", StringComparison.Ordinal)
        .Replace("lang: en", "lang: es", StringComparison.Ordinal)
        .Replace("what is narcan", "que es narcan", StringComparison.Ordinal)
        .Replace("what does naloxone do", "para que sirve la naloxona", StringComparison.Ordinal)
        .Replace("is naloxone the same as narcan", "naloxona es lo mismo que narcan", StringComparison.Ordinal)
        .Replace("Naloxone (Narcan) reverses an opioid overdose.\n    web", sms + "\n    web", StringComparison.Ordinal)
        .Replace("  sources:", "  twin: naloxone-basics\n  sources:", StringComparison.Ordinal);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
