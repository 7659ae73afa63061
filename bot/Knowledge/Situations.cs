namespace HarmReduction.Bot.Knowledge;

/// <summary>
/// The labelled situations of <c>situations.yaml</c>: real-sounding messages, each marked with the emergency rule it
/// belongs to, <c>crisis</c>, <c>none</c> (a near miss: a question about an emergency, a past event, grief...) or
/// <c>off-topic</c>. The second safety net compares a message with its nearest labelled neighbours here; an off-topic
/// vote also tells the answering step that nothing in the knowledge base is meant.
/// </summary>
public sealed record Situations(IReadOnlyList<LabelledSituation> Examples)
{
    public const string Crisis = "crisis";
    public const string None = "none";

    /// <summary>Small talk and requests about other things ("que hora es", "fix my car"): not an emergency, and not a question the knowledge answers.</summary>
    public const string OffTopic = "off-topic";

    public static readonly Situations Empty = new([]);
}

/// <param name="Asks">An entry's phrasing that asks or supposes: it votes only on messages that ask (<see cref="Safety.SituationNet"/>).</param>
public sealed record LabelledSituation(string Label, string Language, string Text, SourcePosition Position, bool Asks = false);
