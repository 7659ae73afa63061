using HarmReduction.Bot.Channels.Sms;
using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Knowledge;

/// <summary>
/// Reads and checks a whole knowledge folder. Every problem is collected as <c>file:line:col: message</c>;
/// a broken file never hides the errors (or the entries) of the others. A knowledge base is produced only when clean;
/// warnings (an old review date, a missing twin, an accent SMS cannot carry) never stop it.
/// </summary>
public sealed class KnowledgeLoader(ResourcesOptions resources, TimeProvider timeProvider)
{
    public const int SmsAnswerSegmentBudget = 2;

    /// <summary>An entry not reviewed for longer than this (unless its <c>review_every</c> says otherwise) is flagged for a new look against its sources.</summary>
    public const int ReviewMonths = 12;

    private static readonly string[] SupportFiles = ["synonyms.yaml", "safety.yaml", "messages.yaml", "language.yaml", "situations.yaml", AcceptedRoutes.FileName];

    /// <summary>The contact settings answers are checked (and filled) with.</summary>
    public ResourcesOptions Resources => resources;

    /// <summary>The same checks with other contact settings (they reload live).</summary>
    public KnowledgeLoader With(ResourcesOptions contacts) => new(contacts, timeProvider);

    public KnowledgeLoadResult Load(string folder)
    {
        var errors = new List<KnowledgeError>();
        var warnings = new List<KnowledgeWarning>();
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        if (!Directory.Exists(full))
        {
            errors.Add(new KnowledgeError(new SourcePosition(Display(full, full), 1, 1), "the knowledge folder does not exist"));
            return new KnowledgeLoadResult(null, errors, 0);
        }

        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var parsed = new List<ParsedEntry>();
        var entryFiles = KnowledgeFiles.Find(full, recursive: true)
            .Where(f => !string.Equals(Path.GetDirectoryName(f), full, StringComparison.Ordinal));
        foreach (var file in entryFiles)
        {
            var yaml = new YamlNodes(Display(full, file), errors);
            if (ReadText(full, file, errors) is { } text && yaml.Load(text) is { } root)
            {
                var entries = EntryFileReader.Read(yaml, root, today);
                CheckFolderLanguage(file, entries, errors);
                parsed.AddRange(entries);
            }
        }

        foreach (var stray in KnowledgeFiles.Find(full, recursive: false).Where(f => !SupportFiles.Contains(Path.GetFileName(f))))
        {
            errors.Add(new KnowledgeError(new SourcePosition(Display(full, stray), 1, 1),
                $"unknown file; entries go in a language folder (en/, es/), and the support files here are {string.Join(", ", SupportFiles)}"));
        }

        var synonyms = ReadSupport(full, "synonyms.yaml", errors, required: false, SupportFileReaders.ReadSynonyms) ?? Synonyms.Empty;
        var messages = ReadSupport(full, "messages.yaml", errors, required: true, SupportFileReaders.ReadMessages);
        var safety = ReadSupport(full, "safety.yaml", errors, required: true, SupportFileReaders.ReadSafety);
        var language = ReadSupport(full, "language.yaml", errors, required: false, SupportFileReaders.ReadLanguage) ?? LanguageRules.Empty;
        var situations = ReadSupport(full, "situations.yaml", errors, required: false, SupportFileReaders.ReadSituations) ?? Situations.Empty;
        var accepted = ReadSupport(full, AcceptedRoutes.FileName, errors, required: false, AcceptedRoutes.Read) ?? AcceptedRoutes.None;
        if (safety is not null)
        {
            CheckSituationLabels(situations, safety, errors);
        }

        var unique = CheckIds(parsed, errors);
        CheckFollowUps(parsed, unique, errors);
        CheckTwins(parsed, unique, errors);
        WarnAboutMissingTwins(parsed, warnings);
        CheckQuestionsAreDistinct(parsed, errors);
        accepted.Check(unique.ToDictionary(kv => kv.Key, kv => kv.Value.Entry, StringComparer.Ordinal), errors);
        var contacts = EntryFileReader.Languages.ToDictionary(l => l, l => new ContactNumbers(resources.For(l)), StringComparer.Ordinal);
        foreach (var entry in parsed)
        {
            CheckAnswers(entry, language, errors);
            CheckContactNumbers(entry, contacts[entry.Entry.Lang], errors);
            WarnAboutOldReview(entry, today, warnings);
            WarnAboutSmsAccents(entry, warnings);
        }

        if (messages is not null)
        {
            CheckMessages(full, messages, safety, language, errors);
        }

        if (errors.Count > 0 || messages is null || safety is null)
        {
            return new KnowledgeLoadResult(null, errors, parsed.Count) { Warnings = warnings };
        }

        return new KnowledgeLoadResult(new KnowledgeBase(parsed.Select(p => p.Entry).ToList(), synonyms, safety, messages, language, situations) { AcceptedRoutes = accepted }, errors, parsed.Count) { Warnings = warnings };
    }

    /// <summary>The file's text, or null with an error when it cannot be read (it vanished mid-load, say).</summary>
    private static string? ReadText(string folder, string file, List<KnowledgeError> errors)
    {
        var text = KnowledgeFiles.TryRead(file, out var error);
        if (error is not null)
        {
            errors.Add(new KnowledgeError(new SourcePosition(Display(folder, file), 1, 1), error));
        }

        return text;
    }

    private static T? ReadSupport<T>(string folder, string name, List<KnowledgeError> errors, bool required, Func<YamlNodes, YamlDotNet.RepresentationModel.YamlNode, T?> read)
        where T : class
    {
        var file = Path.Combine(folder, name);
        if (!KnowledgeFiles.IsRegularFile(file))
        {
            if (required)
            {
                errors.Add(new KnowledgeError(new SourcePosition(Display(folder, file), 1, 1), $"{name} is missing; the bot cannot run without it"));
            }

            return null;
        }

        var yaml = new YamlNodes(Display(folder, file), errors);
        return ReadText(folder, file, errors) is { } text && yaml.Load(text) is { } root ? read(yaml, root) : null;
    }

    private static void CheckFolderLanguage(string file, List<ParsedEntry> entries, List<KnowledgeError> errors)
    {
        var folderName = Path.GetFileName(Path.GetDirectoryName(file));
        if (folderName is null || !EntryFileReader.Languages.Contains(folderName))
        {
            return;
        }

        foreach (var entry in entries.Where(e => e.Entry.Lang != folderName))
        {
            errors.Add(new KnowledgeError(entry.Entry.Position, $"entry '{entry.Entry.Id}' has lang '{entry.Entry.Lang}' but sits in the '{folderName}' folder"));
        }
    }

    private static Dictionary<string, ParsedEntry> CheckIds(List<ParsedEntry> parsed, List<KnowledgeError> errors)
    {
        var unique = new Dictionary<string, ParsedEntry>(StringComparer.Ordinal);
        foreach (var entry in parsed)
        {
            if (!unique.TryAdd(entry.Entry.Id, entry))
            {
                errors.Add(new KnowledgeError(entry.Entry.Position, $"duplicate id '{entry.Entry.Id}' (first defined at {unique[entry.Entry.Id].Entry.Position})"));
            }
        }

        return unique;
    }

    private static void CheckFollowUps(List<ParsedEntry> parsed, Dictionary<string, ParsedEntry> unique, List<KnowledgeError> errors)
    {
        foreach (var (entry, positions) in parsed)
        {
            for (var i = 0; i < entry.FollowUp.Count; i++)
            {
                var id = entry.FollowUp[i];
                var at = i < positions.FollowUps.Count ? positions.FollowUps[i] : entry.Position;
                if (!unique.TryGetValue(id, out var target))
                {
                    errors.Add(new KnowledgeError(at, $"follow_up '{id}' is not the id of any entry"));
                }
                else if (id == entry.Id)
                {
                    errors.Add(new KnowledgeError(at, $"follow_up '{id}' points to the entry itself"));
                }
                else if (target.Entry.Lang != entry.Lang)
                {
                    errors.Add(new KnowledgeError(at, $"follow_up '{id}' is in '{target.Entry.Lang}', this entry is in '{entry.Lang}'"));
                }
            }
        }
    }

    private static void CheckSituationLabels(Situations situations, SafetyRules safety, List<KnowledgeError> errors)
    {
        var labels = safety.Emergencies.Select(e => e.Name).Append(Situations.Crisis).Append(Situations.None).Append(Situations.OffTopic).ToHashSet(StringComparer.Ordinal);
        foreach (var label in situations.Examples.DistinctBy(e => e.Label).Where(e => !labels.Contains(e.Label)))
        {
            errors.Add(new KnowledgeError(label.Position, $"situation label '{label.Label}' is not an emergency rule in safety.yaml, 'crisis', 'off-topic' or 'none'; use one of: {string.Join(", ", labels)}"));
        }
    }

    /// <summary>A twin is the same entry in the other language; when both name a twin, they must name each other.</summary>
    private static void CheckTwins(List<ParsedEntry> parsed, Dictionary<string, ParsedEntry> unique, List<KnowledgeError> errors)
    {
        foreach (var (entry, positions) in parsed.Where(p => p.Entry.Twin is not null))
        {
            var at = positions.Twin ?? entry.Position;
            if (!unique.TryGetValue(entry.Twin!, out var twin))
            {
                errors.Add(new KnowledgeError(at, $"twin '{entry.Twin}' is not the id of any entry"));
            }
            else if (twin.Entry.Lang == entry.Lang)
            {
                errors.Add(new KnowledgeError(at, $"twin '{entry.Twin}' is in '{twin.Entry.Lang}' like this entry; a twin is the same entry in the other language"));
            }
            else if (twin.Entry.Twin is { } back && back != entry.Id)
            {
                errors.Add(new KnowledgeError(at, $"twin '{entry.Twin}' names '{back}' as its twin, not '{entry.Id}'"));
            }
        }
    }

    private static void WarnAboutMissingTwins(List<ParsedEntry> parsed, List<KnowledgeWarning> warnings)
    {
        foreach (var entry in new EntryTwins(parsed.Select(p => p.Entry).ToList()).Alone)
        {
            var other = entry.Lang == "es" ? "English" : "Spanish";
            warnings.Add(new KnowledgeWarning(entry.Position, $"entry '{entry.Id}' ({entry.Lang}) has no {other} twin"));
        }
    }

    private static void CheckQuestionsAreDistinct(List<ParsedEntry> parsed, List<KnowledgeError> errors)
    {
        var seen = new Dictionary<string, (string Id, SourcePosition At)>(StringComparer.Ordinal);
        foreach (var (entry, positions) in parsed)
        {
            for (var i = 0; i < entry.Questions.Count; i++)
            {
                var folded = entry.Lang + ":" + TextNormalizer.FoldToPhrase(entry.Questions[i]);
                var at = i < positions.Questions.Count ? positions.Questions[i] : entry.Position;
                if (seen.TryGetValue(folded, out var first) && first.Id != entry.Id)
                {
                    errors.Add(new KnowledgeError(at, $"the question '{entry.Questions[i]}' is also a question of '{first.Id}' ({first.At}); one question, one entry"));
                }
                else
                {
                    seen.TryAdd(folded, (entry.Id, at));
                }
            }
        }
    }

    private void CheckAnswers(ParsedEntry parsed, LanguageRules language, List<KnowledgeError> errors)
    {
        var (entry, positions) = parsed;
        var sms = SmsEncoding.ToGsmWherePossible(Placeholders.Fill(entry.SmsAnswer, resources.For(entry.Lang)));
        var length = SmsEncoding.Measure(sms);
        if (length.Segments > SmsAnswerSegmentBudget)
        {
            var capacity = SmsEncoding.Capacity(length.Charset, SmsAnswerSegmentBudget);
            var why = length.Charset == SmsCharset.Ucs2
                ? $" It is UCS-2 because of '{sms.First(c => !SmsEncoding.IsGsm(c))}'; in plain GSM-7 text the budget is {SmsEncoding.Capacity(SmsCharset.Gsm7, SmsAnswerSegmentBudget)}."
                : string.Empty;
            errors.Add(new KnowledgeError(positions.SmsAnswer,
                $"{BlameSettings(entry)}answer.sms is over the SMS budget: {length.Units} {(length.Charset == SmsCharset.Gsm7 ? "GSM-7" : "UCS-2")} characters, {length.Segments} segments; at most {capacity} ({SmsAnswerSegmentBudget} segments).{why}"));
        }

        if (entry.SmsAnswer.Contains("**", StringComparison.Ordinal) || entry.SmsAnswer.Contains("](", StringComparison.Ordinal) || entry.SmsAnswer.StartsWith('#'))
        {
            errors.Add(new KnowledgeError(positions.SmsAnswer, "answer.sms must be plain text; markdown belongs in answer.web"));
        }

        foreach (var (text, at, field) in new[] { (entry.Title, positions.Title, "title"), (entry.SmsAnswer, positions.SmsAnswer, "answer.sms"), (entry.WebAnswer, positions.WebAnswer, "answer.web") })
        {
            foreach (var name in Placeholders.Unknown(text))
            {
                errors.Add(new KnowledgeError(at, $"{field} uses unknown placeholder '{{{name}}}'; known: {string.Join(", ", Placeholders.Known.Select(k => "{" + k + "}"))}"));
            }

            foreach (var (rule, found, _) in language.Find(text))
            {
                errors.Add(new KnowledgeError(at, $"{field} uses '{found}'; person-first language: {rule.Prefer}"));
            }
        }
    }

    /// <summary>
    /// When the answer fits with the default contacts, the configured ones are what pushed it over: name those settings
    /// ("the setting Resources:en:HumanContact ({human_contact}) is 60 characters longer than the default"), so the fix
    /// lands in the configuration rather than in an entry nobody changed.
    /// </summary>
    private string BlameSettings(KnowledgeEntry entry)
    {
        var defaults = LocaleResources.Defaults;
        var withDefaults = SmsEncoding.ToGsmWherePossible(Placeholders.Fill(entry.SmsAnswer, defaults));
        if (SmsEncoding.Measure(withDefaults).Segments > SmsAnswerSegmentBudget)
        {
            return string.Empty;
        }

        var configured = resources.For(entry.Lang);
        var key = resources.ContainsKey(entry.Lang) ? entry.Lang : "en";
        var blamed = Placeholders.Used(entry.SmsAnswer)
            .Select(name => (Name: name, Setting: Placeholders.SettingName(name), Value: Placeholders.Fill("{" + name + "}", configured), Default: Placeholders.Fill("{" + name + "}", defaults)))
            .Where(p => p.Value != p.Default)
            .Select(p => $"the setting Resources:{key}:{p.Setting} ({{{p.Name}}}, '{(p.Value.Length <= 40 ? p.Value : p.Value[..37] + "...")}') is {Math.Abs(p.Value.Length - p.Default.Length)} characters {(p.Value.Length >= p.Default.Length ? "longer" : "shorter")} than the default")
            .ToList();
        return blamed.Count == 0 ? string.Empty : $"{string.Join("; ", blamed)}: with it, ";
    }

    /// <summary>Answers name configured contacts by placeholder, so each program's own number is the one people get.</summary>
    private static void CheckContactNumbers(ParsedEntry parsed, ContactNumbers contacts, List<KnowledgeError> errors)
    {
        var (entry, positions) = parsed;
        foreach (var (text, at) in new[] { (entry.Title, positions.Title), (entry.SmsAnswer, positions.SmsAnswer), (entry.WebAnswer, positions.WebAnswer) })
        {
            foreach (var written in contacts.Find(text).GroupBy(f => f))
            {
                var times = written.Count() > 1 ? $" ({written.Count()} times)" : string.Empty;
                errors.Add(new KnowledgeError(at, $"'{written.Key.Found}' is {{{written.Key.Placeholder}}}{times}"));
            }
        }
    }

    private static void WarnAboutOldReview(ParsedEntry parsed, DateOnly today, List<KnowledgeWarning> warnings)
    {
        var entry = parsed.Entry;
        if (entry.ReviewDue < today)
        {
            warnings.Add(new KnowledgeWarning(parsed.Positions.Reviewed,
                $"reviewed {entry.Reviewed:yyyy-MM-dd} is more than {entry.ReviewEvery} ago; check the entry against its sources and update the date"));
        }
    }

    private static void WarnAboutSmsAccents(ParsedEntry parsed, List<KnowledgeWarning> warnings)
    {
        if (parsed.Entry.Lang != "es")
        {
            return;
        }

        foreach (var (word, why) in SpanishSmsAccents.Find(parsed.Entry.SmsAnswer))
        {
            warnings.Add(new KnowledgeWarning(parsed.Positions.SmsAnswer,
                $"answer.sms has '{word}': {why}; reword so it reads one way"));
        }
    }

    private static void CheckMessages(string folder, BotMessages messages, SafetyRules? safety, LanguageRules language, List<KnowledgeError> errors)
    {
        var at = new SourcePosition(Display(folder, Path.Combine(folder, "messages.yaml")), 1, 1);
        foreach (var (key, map) in messages.All)
        {
            foreach (var (_, text) in map.All())
            {
                foreach (var name in Placeholders.Unknown(text).Where(n => !BotMessages.FillsItself(key, n)))
                {
                    errors.Add(new KnowledgeError(at, $"message '{key}' uses unknown placeholder '{{{name}}}'"));
                }

                foreach (var (rule, found, _) in language.Find(text))
                {
                    errors.Add(new KnowledgeError(at, $"message '{key}' uses '{found}'; person-first language: {rule.Prefer}"));
                }
            }
        }

        if (safety is null)
        {
            return;
        }

        var safetyAt = new SourcePosition(Display(folder, Path.Combine(folder, "safety.yaml")), 1, 1);
        foreach (var reply in safety.Emergencies.Select(e => e.Reply).Append(safety.Crisis.Reply).Concat(safety.Crisis.ReplyForSomeoneElse is { } forOthers ? [forOthers] : []).Concat(safety.AfterEmergency.Select(a => a.Reply)).Where(r => !messages.All.ContainsKey(r)))
        {
            errors.Add(new KnowledgeError(safetyAt, $"reply '{reply}' is not a message in messages.yaml"));
        }
    }

    /// <summary>Paths in messages start at the knowledge folder's name ("knowledge/en/naloxone.yaml"), wherever the command runs.</summary>
    private static string Display(string root, string path)
    {
        var parent = Path.GetDirectoryName(root) ?? root;
        var relative = Path.GetRelativePath(parent, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}

public sealed record KnowledgeLoadResult(KnowledgeBase? Knowledge, IReadOnlyList<KnowledgeError> Errors, int EntryCount)
{
    /// <summary>Problems worth a look that do not stop the folder from loading.</summary>
    public IReadOnlyList<KnowledgeWarning> Warnings { get; init; } = [];

    public bool IsValid => Knowledge is not null && Errors.Count == 0;
}
