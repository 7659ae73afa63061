using HarmReduction.Bot.Text;
using YamlDotNet.RepresentationModel;

namespace HarmReduction.Bot.Knowledge;

/// <summary>
/// <c>knowledge/routing-accepted.yaml</c>: listed phrasings that another entry answers (or that ask "Did you mean", or
/// fall back), accepted as they are for now. <c>validate --routing</c> reports only the collisions not listed here, so a
/// new one stands out; <c>validate</c> checks that every item names a real entry, one of its questions and a real outcome.
/// </summary>
public sealed class AcceptedRoutes(IReadOnlyList<AcceptedRoute> routes)
{
    public const string FileName = "routing-accepted.yaml";

    /// <summary>What <see cref="AcceptedRoute.GoesTo"/> says when no single entry answers.</summary>
    public const string DidYouMean = "did-you-mean";

    public const string Fallback = "fallback";

    public static readonly AcceptedRoutes None = new([]);

    private static readonly string[] Fields = ["entry", "question", "goes_to", "note"];

    private readonly Dictionary<(string Entry, string Question), AcceptedRoute> _byQuestion = routes
        .GroupBy(r => (r.Entry, TextNormalizer.FoldToPhrase(r.Question)))
        .ToDictionary(g => g.Key, g => g.First());

    public IReadOnlyList<AcceptedRoute> All { get; } = routes;

    /// <summary>The accepted route of a phrasing of an entry, if it has one.</summary>
    public AcceptedRoute? Find(string entry, string question) =>
        _byQuestion.GetValueOrDefault((entry, TextNormalizer.FoldToPhrase(question)));

    internal static AcceptedRoutes Read(YamlNodes yaml, YamlNode root)
    {
        var routes = new List<AcceptedRoute>();
        if (root is YamlScalarNode { Value: null or "" })
        {
            return None;
        }

        if (yaml.Sequence(root, FileName) is not { } list)
        {
            return None;
        }

        foreach (var item in list.Children)
        {
            if (yaml.Mapping(item, "an accepted route") is not { } mapping)
            {
                continue;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (keyNode, value) in mapping.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
                if (!Fields.Contains(key))
                {
                    yaml.Error(keyNode, $"unknown field '{key}' in an accepted route; one has {string.Join(", ", Fields)}");
                }
                else if (yaml.Scalar(value, key) is { } text)
                {
                    values[key] = text.Trim();
                }
            }

            if (values.TryGetValue("entry", out var entry) && values.TryGetValue("question", out var question) && values.TryGetValue("goes_to", out var goesTo))
            {
                routes.Add(new AcceptedRoute(entry, question, goesTo, values.GetValueOrDefault("note"), yaml.At(item)));
            }
            else
            {
                yaml.Error(item, "an accepted route needs entry, question and goes_to (an entry id, did-you-mean or fallback)");
            }
        }

        return new AcceptedRoutes(routes);
    }

    /// <summary>Every item names a real entry, one of its questions, and a real outcome; each phrasing once.</summary>
    internal void Check(IReadOnlyDictionary<string, KnowledgeEntry> entries, List<KnowledgeError> errors)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var route in All)
        {
            if (!entries.TryGetValue(route.Entry, out var entry))
            {
                errors.Add(new KnowledgeError(route.Position, $"accepted route: '{route.Entry}' is not the id of any entry"));
                continue;
            }

            var folded = TextNormalizer.FoldToPhrase(route.Question);
            if (!entry.Questions.Any(q => TextNormalizer.FoldToPhrase(q) == folded))
            {
                errors.Add(new KnowledgeError(route.Position, $"accepted route: '{route.Question}' is not a question of '{route.Entry}' (was it moved or reworded? run validate --routing)"));
            }

            if (route.GoesTo is not (DidYouMean or Fallback) && !entries.ContainsKey(route.GoesTo))
            {
                errors.Add(new KnowledgeError(route.Position, $"accepted route: goes_to '{route.GoesTo}' is not an entry id, {DidYouMean} or {Fallback}"));
            }

            if (!seen.Add((route.Entry, folded)))
            {
                errors.Add(new KnowledgeError(route.Position, $"accepted route: '{route.Question}' of '{route.Entry}' is listed twice"));
            }
        }
    }
}

/// <param name="GoesTo">The entry that answers the phrasing instead, or <c>did-you-mean</c>, or <c>fallback</c>.</param>
public sealed record AcceptedRoute(string Entry, string Question, string GoesTo, string? Note, SourcePosition Position);
