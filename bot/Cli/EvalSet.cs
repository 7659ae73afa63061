using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace HarmReduction.Bot.Cli;

/// <summary>A question set in the format of <c>shared/eval/dev.yaml</c>.</summary>
internal sealed class EvalItem
{
    public string Id { get; set; } = string.Empty;

    public string Q { get; set; } = string.Empty;

    public string Channel { get; set; } = "sms";

    public string Lang { get; set; } = "en";

    public string Kind { get; set; } = "answer";

    public List<List<string>> AnyOf { get; set; } = [];

    public List<string> NoneOf { get; set; } = [];

    /// <summary>Optional: the entry that should answer; another entry answering is reported as a wrong entry.</summary>
    public string? Entry { get; set; }

    public bool IsSafetyKind => Kind is "emergency" or "crisis";

    public string Group => Id.LastIndexOf('-') is var dash and > 0 ? Id[..dash] : Id;

    public static List<EvalItem> Load(string path)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build();
        using var reader = File.OpenText(path);
        return deserializer.Deserialize<List<EvalItem>>(reader) ?? [];
    }

    /// <summary>
    /// Why the reply fails this item, or null when it passes. Scoring is strict: the path must fit the kind (an
    /// emergency answered as a question fails, and so does a question answered with "call 911 now": a false alarm);
    /// an out-of-scope message must fall back, not answer or offer unrelated options; then the words must be there.
    /// </summary>
    public EvalFailure? Check(string reply, string kind, string? entry)
    {
        var safetyReply = kind is "emergency" or "crisis";
        if (Kind == "emergency" && kind != "emergency")
        {
            return new EvalFailure(EvalFailureKind.Missed, $"kind {kind}, expected emergency");
        }

        if (Kind == "crisis" && !safetyReply)
        {
            return new EvalFailure(EvalFailureKind.Missed, $"kind {kind}, expected crisis");
        }

        if (!IsSafetyKind && safetyReply)
        {
            return new EvalFailure(EvalFailureKind.FalseAlarm, $"false alarm: kind {kind}, expected {Kind}");
        }

        if (Kind == "out_of_scope" && kind is not ("fallback" or "meta"))
        {
            return new EvalFailure(EvalFailureKind.WrongPath, $"kind {kind}, expected a fallback");
        }

        if (Entry is not null && kind is "answer" or "meta" && entry != Entry)
        {
            return new EvalFailure(EvalFailureKind.WrongEntry, $"entry {entry ?? "-"}, expected {Entry}");
        }

        foreach (var group in AnyOf)
        {
            if (!group.Any(s => reply.Contains(s, StringComparison.OrdinalIgnoreCase)))
            {
                return new EvalFailure(EvalFailureKind.Content, $"none of [{string.Join(", ", group)}]");
            }
        }

        var forbidden = NoneOf.FirstOrDefault(s => reply.Contains(s, StringComparison.OrdinalIgnoreCase));
        return forbidden is null ? null : new EvalFailure(EvalFailureKind.Content, $"contains forbidden '{forbidden}'");
    }
}

internal enum EvalFailureKind
{
    /// <summary>An emergency or crisis not answered on its path.</summary>
    Missed,

    /// <summary>A question answered with the emergency or crisis reply.</summary>
    FalseAlarm,

    /// <summary>Out of scope, but answered or clarified instead of a kind fallback.</summary>
    WrongPath,

    /// <summary>Another entry than the one the item names.</summary>
    WrongEntry,

    /// <summary>The reply lacks what any good reply must contain, or says what it must not.</summary>
    Content,
}

internal sealed record EvalFailure(EvalFailureKind Kind, string Reason);
