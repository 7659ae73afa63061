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

    /// <summary>Why the reply fails this item, or null when it passes.</summary>
    public string? Check(string reply, string kind)
    {
        if (Kind == "emergency" && kind != "emergency")
        {
            return $"kind {kind}, expected emergency";
        }

        if (Kind == "crisis" && kind is not ("crisis" or "emergency"))
        {
            return $"kind {kind}, expected crisis";
        }

        foreach (var group in AnyOf)
        {
            if (!group.Any(s => reply.Contains(s, StringComparison.OrdinalIgnoreCase)))
            {
                return $"none of [{string.Join(", ", group)}]";
            }
        }

        var forbidden = NoneOf.FirstOrDefault(s => reply.Contains(s, StringComparison.OrdinalIgnoreCase));
        return forbidden is null ? null : $"contains forbidden '{forbidden}'";
    }
}
