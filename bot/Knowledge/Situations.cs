namespace HarmReduction.Bot.Knowledge;

/// <summary>
/// The labelled situations of <c>situations.yaml</c>: real-sounding messages, each marked with the emergency rule it
/// belongs to, <c>crisis</c>, or <c>none</c> (a near miss: a question about an emergency, a past event, grief...). The
/// second safety net compares a message with its nearest labelled neighbours here.
/// </summary>
public sealed record Situations(IReadOnlyList<LabelledSituation> Examples)
{
    public const string Crisis = "crisis";
    public const string None = "none";

    public static readonly Situations Empty = new([]);
}

public sealed record LabelledSituation(string Label, string Language, string Text, SourcePosition Position);
