namespace HarmReduction.Bot.Knowledge;

public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>The knowledge folder. A relative path is looked for from the working directory, then from the app's folder upwards.</summary>
    public string Path { get; set; } = "knowledge";

    /// <summary>Reload when files change. A reload that does not validate keeps the last good knowledge and logs the errors.</summary>
    public bool Watch { get; set; }

    /// <summary>Which ranker answers: <c>Hybrid</c> (default, chosen on measurements in docs/answering.md), <c>Questions</c> or <c>Lucene</c>.</summary>
    public Matching.RankerKind Ranker { get; set; } = Matching.RankerKind.Hybrid;
}
