using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Safety;

namespace HarmReduction.Bot.Semantic;

/// <summary>
/// Everything the meaning layer needs, shared by the server and the CLI: the knowledge's vectors (with their cache
/// file), the message encoder (with its in-memory cache), and how the evidence is used. <see cref="Off"/> when
/// <c>Semantic:Enabled</c> is false: no model is loaded and answering is lexical.
/// </summary>
public sealed record SemanticLayer(KnowledgeVectors? Vectors, MessageEncoder? Messages, FusionOptions Fusion, SafetyNetOptions SafetyNet)
{
    public static readonly SemanticLayer Off = new(null, null, new FusionOptions { Mode = FusionMode.Lexical }, new SafetyNetOptions());

    public bool IsOn => Vectors is not null && Messages is not null;
}
