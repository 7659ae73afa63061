using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace HarmReduction.Bot.Knowledge;

/// <summary>Turns one entry file (a YAML list of entries) into entries, reporting each problem at its position.</summary>
internal static partial class EntryFileReader
{
    public static readonly IReadOnlySet<string> Topics = new HashSet<string>(StringComparer.Ordinal)
    {
        "overdose", "naloxone", "drug-checking", "safer-use", "stimulants", "mixing", "wounds", "infections",
        "sexual-health", "treatment", "mental-health", "harm-reduction", "legal", "service",
        "alcohol", "other-drugs", "drug-tests", "first-aid", "basic-needs",
    };

    public static readonly IReadOnlySet<string> Languages = new HashSet<string>(StringComparer.Ordinal) { "en", "es" };

    private static readonly string[] Required = ["id", "title", "topic", "lang", "questions", "answer", "sources", "reviewed"];
    private static readonly HashSet<string> Known = [.. Required, "keywords", "follow_up", "twin", "owner", "review_every"];
    private const int MinQuestions = 3;

    public static List<ParsedEntry> Read(YamlNodes yaml, YamlNode root, DateOnly today)
    {
        var entries = new List<ParsedEntry>();
        if (yaml.Sequence(root, "an entry file") is not { } list)
        {
            return entries;
        }

        foreach (var item in list.Children)
        {
            if (yaml.Mapping(item, "an entry") is { } mapping && ReadEntry(yaml, mapping, today) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    private static ParsedEntry? ReadEntry(YamlNodes yaml, YamlMappingNode node, DateOnly today)
    {
        var errorsBefore = yaml.Errors.Count;
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in node.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!Known.Contains(key))
            {
                yaml.Error(keyNode, $"unknown field '{key}'{Suggest(key)}");
                continue;
            }

            fields[key] = value;
        }

        foreach (var missing in Required.Where(r => !fields.ContainsKey(r)))
        {
            yaml.Error(node, $"entry{IdSuffix(fields)} is missing required field '{missing}'");
        }

        var id = ReadText(yaml, fields, "id");
        if (id is not null && !KebabCase().IsMatch(id))
        {
            yaml.Error(fields["id"], $"id '{id}' must be kebab-case: lower-case letters, digits and single hyphens");
        }

        var title = ReadText(yaml, fields, "title");
        var topic = ReadText(yaml, fields, "topic");
        if (topic is not null && !Topics.Contains(topic))
        {
            yaml.Error(fields["topic"], $"unknown topic '{topic}'; use one of: {string.Join(", ", Topics.Order(StringComparer.Ordinal))}");
        }

        var lang = ReadText(yaml, fields, "lang");
        if (lang is not null && !Languages.Contains(lang))
        {
            yaml.Error(fields["lang"], $"unknown lang '{lang}'; use en or es");
        }

        var questions = fields.TryGetValue("questions", out var q) ? yaml.ScalarList(q, "questions") : [];
        if (q is not null && questions.Count < MinQuestions && q is YamlSequenceNode)
        {
            yaml.Error(q, $"questions has {questions.Count}; write at least {MinQuestions} real phrasings");
        }

        var keywords = fields.TryGetValue("keywords", out var k) ? yaml.ScalarList(k, "keywords") : [];
        var followUp = fields.TryGetValue("follow_up", out var f) ? yaml.ScalarList(f, "follow_up") : [];
        var twin = fields.TryGetValue("twin", out var t) ? yaml.Scalar(t, "twin")?.Trim() : null;
        if (twin is not null && !KebabCase().IsMatch(twin))
        {
            yaml.Error(t!, $"twin '{twin}' must be the id of an entry in the other language");
        }

        var owner = fields.TryGetValue("owner", out var o) ? yaml.Scalar(o, "owner")?.Trim() : null;
        if (owner is { Length: > 60 })
        {
            yaml.Error(o!, "owner is longer than 60 characters; initials, a name or a team are enough");
        }

        var reviewEvery = ReviewInterval.Default;
        if (fields.TryGetValue("review_every", out var every) && yaml.Scalar(every, "review_every") is { } everyText)
        {
            if (ReviewInterval.Parse(everyText) is { } parsed)
            {
                reviewEvery = parsed;
            }
            else
            {
                yaml.Error(every, $"review_every '{everyText.Trim()}' is not a period like '3 months', '6 weeks' or '1 year' (at most 3 years)");
            }
        }

        var (sms, web) = fields.TryGetValue("answer", out var a) ? ReadAnswer(yaml, a) : (null, null);
        var sources = fields.TryGetValue("sources", out var s) ? ReadSources(yaml, s) : [];
        var reviewed = fields.TryGetValue("reviewed", out var r) ? ReadDate(yaml, r, today) : null;

        if (yaml.Errors.Count > errorsBefore || id is null || title is null || topic is null || lang is null || sms is null || web is null || reviewed is null)
        {
            return null;
        }

        var entry = new KnowledgeEntry
        {
            Id = id,
            Title = title.Trim(),
            Topic = topic,
            Lang = lang,
            Questions = questions,
            Keywords = keywords,
            SmsAnswer = sms,
            WebAnswer = web,
            FollowUp = followUp,
            Twin = twin,
            Sources = sources,
            Reviewed = reviewed.Value,
            Owner = owner,
            ReviewEvery = reviewEvery,
            Position = yaml.At(node),
            QuestionPositions = ((YamlSequenceNode)fields["questions"]).Children.Select(yaml.At).ToList(),
            KeywordPositions = k is YamlSequenceNode keywordNodes ? keywordNodes.Children.Select(yaml.At).ToList() : [],
        };
        var answerFields = ((YamlMappingNode)fields["answer"]).Children;
        return new ParsedEntry(entry, new EntryPositions(
            yaml.At(fields["title"]),
            yaml.At(answerFields[new YamlScalarNode("sms")]),
            yaml.At(answerFields[new YamlScalarNode("web")]),
            f is YamlSequenceNode followUps ? followUps.Children.Select(yaml.At).ToList() : [],
            t is null ? null : yaml.At(t),
            ((YamlSequenceNode)fields["questions"]).Children.Select(yaml.At).ToList(),
            yaml.At(fields["reviewed"])));
    }

    private static (string? Sms, string? Web) ReadAnswer(YamlNodes yaml, YamlNode node)
    {
        if (yaml.Mapping(node, "answer") is not { } mapping)
        {
            return (null, null);
        }

        string? sms = null, web = null;
        foreach (var (keyNode, value) in mapping.Children)
        {
            switch ((keyNode as YamlScalarNode)?.Value)
            {
                case "sms":
                    sms = yaml.Scalar(value, "answer.sms")?.Trim();
                    break;
                case "web":
                    web = yaml.Scalar(value, "answer.web")?.Trim();
                    break;
                default:
                    yaml.Error(keyNode, $"unknown field 'answer.{(keyNode as YamlScalarNode)?.Value}'; an answer has 'sms' and 'web'");
                    break;
            }
        }

        if (sms is null && !mapping.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "sms"))
        {
            yaml.Error(node, "answer is missing required field 'sms'");
        }

        if (web is null && !mapping.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "web"))
        {
            yaml.Error(node, "answer is missing required field 'web'");
        }

        return (sms, web);
    }

    private static List<EntrySource> ReadSources(YamlNodes yaml, YamlNode node)
    {
        var sources = new List<EntrySource>();
        if (yaml.Sequence(node, "sources") is not { } list)
        {
            return sources;
        }

        if (list.Children.Count == 0)
        {
            yaml.Error(node, "sources is empty; cite at least one source");
        }

        foreach (var item in list.Children)
        {
            if (yaml.Mapping(item, "a source") is not { } mapping)
            {
                continue;
            }

            string? title = null;
            Uri? url = null;
            foreach (var (keyNode, value) in mapping.Children)
            {
                switch ((keyNode as YamlScalarNode)?.Value)
                {
                    case "title":
                        title = yaml.Scalar(value, "source title");
                        break;
                    case "url":
                        var text = yaml.Scalar(value, "source url");
                        if (text is not null && Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http" && parsed.Host.Contains('.', StringComparison.Ordinal))
                        {
                            url = parsed;
                        }
                        else if (text is not null)
                        {
                            yaml.Error(value, $"source url '{text.Trim()}' is not an absolute http(s) URL");
                        }

                        break;
                    default:
                        yaml.Error(keyNode, $"unknown field '{(keyNode as YamlScalarNode)?.Value}' in a source; a source has 'title' and 'url'");
                        break;
                }
            }

            if (title is null && !HasKey(mapping, "title"))
            {
                yaml.Error(item, "source is missing 'title'");
            }

            if (url is null && !HasKey(mapping, "url"))
            {
                yaml.Error(item, "source is missing 'url'");
            }

            if (title is not null && url is not null)
            {
                sources.Add(new EntrySource(title.Trim(), url));
            }
        }

        return sources;
    }

    private static DateOnly? ReadDate(YamlNodes yaml, YamlNode node, DateOnly today)
    {
        if (yaml.Scalar(node, "reviewed") is not { } text)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            yaml.Error(node, $"reviewed '{text.Trim()}' is not a date in the form YYYY-MM-DD");
            return null;
        }

        if (date > today)
        {
            yaml.Error(node, $"reviewed {text.Trim()} is in the future");
            return null;
        }

        return date;
    }

    private static string? ReadText(YamlNodes yaml, Dictionary<string, YamlNode> fields, string name) =>
        fields.TryGetValue(name, out var node) ? yaml.Scalar(node, name)?.Trim() : null;

    private static bool HasKey(YamlMappingNode mapping, string key) =>
        mapping.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == key);

    private static string IdSuffix(Dictionary<string, YamlNode> fields) =>
        fields.TryGetValue("id", out var id) && id is YamlScalarNode { Value: { Length: > 0 } value } ? $" '{value}'" : string.Empty;

    private static string Suggest(string key)
    {
        var best = Known.Select(k => (k, d: HarmReduction.Bot.Text.EditDistance.Compute(key, k, 3))).Where(x => x.d <= 3).OrderBy(x => x.d).FirstOrDefault();
        return best.k is null ? string.Empty : $"; did you mean '{best.k}'?";
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}

/// <summary>An entry as read, with where each part was written, for cross-file checks.</summary>
internal sealed record ParsedEntry(KnowledgeEntry Entry, EntryPositions Positions);

internal sealed record EntryPositions(
    SourcePosition Title,
    SourcePosition SmsAnswer,
    SourcePosition WebAnswer,
    IReadOnlyList<SourcePosition> FollowUps,
    SourcePosition? Twin,
    IReadOnlyList<SourcePosition> Questions,
    SourcePosition Reviewed);
