using System.Text.RegularExpressions;
using HarmReduction.Bot.Text;
using YamlDotNet.RepresentationModel;

namespace HarmReduction.Bot.Knowledge;

/// <summary>Readers for the folder's support files: synonyms, safety patterns, bot messages and the language lint.</summary>
internal static class SupportFileReaders
{
    public static Synonyms ReadSynonyms(YamlNodes yaml, YamlNode root)
    {
        var map = new LanguageMap<SynonymRule>();
        foreach (var (language, node) in Languages(yaml, root, "synonyms.yaml"))
        {
            var rules = new List<SynonymRule>();
            if (yaml.Mapping(node, $"synonyms for '{language}'") is { } terms)
            {
                foreach (var (termNode, variantsNode) in terms.Children)
                {
                    var term = yaml.Scalar(termNode, "a synonym term");
                    var variants = yaml.ScalarList(variantsNode, $"the variants of '{term}'")
                        .Select(TextNormalizer.FoldToPhrase).Where(v => v.Length > 0).ToList();
                    if (term is not null)
                    {
                        rules.Add(new SynonymRule(TextNormalizer.FoldToPhrase(term), variants, yaml.At(termNode)));
                    }
                }
            }

            map.Set(language, rules);
        }

        return new Synonyms(map);
    }

    public static BotMessages ReadMessages(YamlNodes yaml, YamlNode root)
    {
        var messages = new Dictionary<string, LanguageMap<string>>(StringComparer.Ordinal);
        if (yaml.Mapping(root, "messages.yaml") is not { } mapping)
        {
            return new BotMessages(messages);
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            if (yaml.Scalar(keyNode, "a message key") is not { } key)
            {
                continue;
            }

            var map = new LanguageMap<string>();
            foreach (var (language, node) in Languages(yaml, value, $"message '{key}'"))
            {
                IReadOnlyList<string> parts = node is YamlScalarNode
                    ? (yaml.Scalar(node, $"message '{key}' ({language})") is { } text ? [text.Trim()] : [])
                    : yaml.ScalarList(node, $"message '{key}' ({language})");
                map.Set(language, parts);
            }

            messages[key] = map;
        }

        foreach (var missing in BotMessages.RequiredKeys.Where(k => !messages.TryGetValue(k, out var m) || m.For("en").Count == 0))
        {
            yaml.Error(root, $"messages.yaml is missing the English text of required message '{missing}'");
        }

        return new BotMessages(messages);
    }

    // The name of the pair read from asks_what_kills and for_oneself, which come first.
    private const string AsksWhatKillsForOneself = "asks-what-kills-for-oneself";

    private static List<CrisisPair> ReadCrisisPairs(YamlNodes yaml, YamlNode node, string where = "together")
    {
        var pairs = new List<CrisisPair>();
        if (yaml.Sequence(node, where) is not { } list)
        {
            return pairs;
        }

        foreach (var item in list.Children)
        {
            if (yaml.Mapping(item, "a pair of crisis phrase lists") is not { } pair)
            {
                continue;
            }

            var f = Fields(yaml, pair, ["name", "first", "second"], "a pair of crisis phrase lists");
            var name = f.TryGetValue("name", out var n) ? yaml.Scalar(n, "name") : null;
            if (name is null || !f.TryGetValue("first", out var first) || !f.TryGetValue("second", out var second))
            {
                yaml.Error(item, $"a pair of crisis phrase lists ({where}) needs name, first and second");
                continue;
            }

            if (name == AsksWhatKillsForOneself || pairs.Any(p => p.Name == name))
            {
                yaml.Error(n!, $"the crisis pair '{name}' is named twice in {where}");
                continue;
            }

            pairs.Add(new CrisisPair(name, PhraseMap(yaml, first, $"first of '{name}'"), PhraseMap(yaml, second, $"second of '{name}'")));
        }

        return pairs;
    }

    public static SafetyRules? ReadSafety(YamlNodes yaml, YamlNode root)
    {
        if (yaml.Mapping(root, "safety.yaml") is not { } mapping)
        {
            return null;
        }

        var fields = Fields(yaml, mapping, ["emergency", "crisis", "now", "now_weak", "now_except", "signs_except", "present", "people", "conditional", "conditional_except", "question_except", "supposed_of_anyone", "not_now", "not_now_undone", "question", "past", "long_ago", "long_ago_except", "laughter", "real_question", "after_emergency", "examples"], "safety.yaml");
        var emergencies = new List<EmergencyRule>();
        if (fields.TryGetValue("emergency", out var emergencyNode) && yaml.Sequence(emergencyNode, "emergency") is { } list)
        {
            foreach (var item in list.Children)
            {
                if (yaml.Mapping(item, "an emergency rule") is not { } rule)
                {
                    continue;
                }

                var ruleFields = Fields(yaml, rule, ["name", "reply", "signs", "signs_when_now", "signs_with_crisis", "with_crisis_together", "context", "chosen_with", "also_crisis", "urgent_when_past", "any_person"], "an emergency rule");
                var name = ruleFields.TryGetValue("name", out var n) ? yaml.Scalar(n, "name") : null;
                var reply = ruleFields.TryGetValue("reply", out var r) ? yaml.Scalar(r, "reply") : null;
                if (name is null || reply is null || !ruleFields.TryGetValue("signs", out var signs))
                {
                    yaml.Error(item, "an emergency rule needs name, reply and signs");
                    continue;
                }

                var whenNow = ruleFields.TryGetValue("signs_when_now", out var w) ? PhraseMap(yaml, w, $"signs_when_now of '{name}'") : new LanguageMap<string>();
                var withCrisis = ruleFields.TryGetValue("signs_with_crisis", out var wc) ? PhraseMap(yaml, wc, $"signs_with_crisis of '{name}'") : new LanguageMap<string>();
                var alsoCrisis = ruleFields.TryGetValue("also_crisis", out var ac) && yaml.Scalar(ac, "also_crisis") is { } flag && ReadFlag(yaml, ac, flag);
                var urgentWhenPast = ruleFields.TryGetValue("urgent_when_past", out var up) && yaml.Scalar(up, "urgent_when_past") is { } urgent && ReadFlag(yaml, up, urgent);
                var anyPerson = ruleFields.TryGetValue("any_person", out var ap) && yaml.Scalar(ap, "any_person") is { } anyone && ReadFlag(yaml, ap, anyone);
                var context = ruleFields.TryGetValue("context", out var cx) ? PhraseMap(yaml, cx, $"context of '{name}'") : new LanguageMap<string>();
                var chosenWith = ruleFields.TryGetValue("chosen_with", out var cw) ? PhraseMap(yaml, cw, $"chosen_with of '{name}'") : new LanguageMap<string>();
                emergencies.Add(new EmergencyRule(name, reply, PhraseMap(yaml, signs, $"signs of '{name}'"), whenNow, alsoCrisis, urgentWhenPast)
                {
                    SignsWithCrisis = withCrisis,
                    WithCrisisTogether = ruleFields.TryGetValue("with_crisis_together", out var wct) ? ReadCrisisPairs(yaml, wct, $"with_crisis_together of '{name}'") : [],
                    Context = context,
                    ChosenWith = chosenWith,
                    AnyPerson = anyPerson,
                });
            }
        }

        CrisisRule? crisis = null;
        if (fields.TryGetValue("crisis", out var crisisNode) && yaml.Mapping(crisisNode, "crisis") is { } crisisMapping)
        {
            var crisisFields = Fields(yaml, crisisMapping, ["reply", "reply_for_someone_else", "signs", "not_crisis", "another_persons_suicide", "asks_what_kills", "for_oneself", "speaks_of_oneself", "use_talk", "writer_words", "someone_else_words", "together"], "crisis");
            var reply = crisisFields.TryGetValue("reply", out var r) ? yaml.Scalar(r, "reply") : null;
            if (reply is not null && crisisFields.TryGetValue("signs", out var signs))
            {
                // An optional phrase list of the crisis section: empty when absent.
                LanguageMap<string> Optional(string field) =>
                    crisisFields.TryGetValue(field, out var node) ? PhraseMap(yaml, node, field) : new LanguageMap<string>();

                crisis = new CrisisRule(reply, PhraseMap(yaml, signs, "crisis signs"), Optional("not_crisis"))
                {
                    ReplyForSomeoneElse = crisisFields.TryGetValue("reply_for_someone_else", out var forOthers) ? yaml.Scalar(forOthers, "reply_for_someone_else") : null,
                    Together = [
                        new CrisisPair(AsksWhatKillsForOneself, Optional("asks_what_kills"), Optional("for_oneself")),
                        .. crisisFields.TryGetValue("together", out var together) ? ReadCrisisPairs(yaml, together) : []],
                    AnotherPersonsSuicide = Optional("another_persons_suicide"),
                    SpeaksOfOneself = Optional("speaks_of_oneself"),
                    UseTalk = Optional("use_talk"),
                    WriterWords = Optional("writer_words"),
                    SomeoneElseWords = Optional("someone_else_words"),
                };
            }
            else
            {
                yaml.Error(crisisNode, "crisis needs reply and signs");
            }
        }

        var examples = new SafetyExamples([], [], []);
        if (fields.TryGetValue("examples", out var examplesNode) && yaml.Mapping(examplesNode, "examples") is { } examplesMapping)
        {
            var exampleFields = Fields(yaml, examplesMapping, ["emergency", "crisis", "neither"], "examples");
            examples = new SafetyExamples(
                exampleFields.TryGetValue("emergency", out var e) ? yaml.ScalarList(e, "emergency examples") : [],
                exampleFields.TryGetValue("crisis", out var c) ? yaml.ScalarList(c, "crisis examples") : [],
                exampleFields.TryGetValue("neither", out var x) ? yaml.ScalarList(x, "neither examples") : []);
        }

        var followUps = new List<EmergencyFollowUp>();
        if (fields.TryGetValue("after_emergency", out var afterNode) && yaml.Sequence(afterNode, "after_emergency") is { } afterList)
        {
            foreach (var item in afterList.Children)
            {
                if (yaml.Mapping(item, "a follow-up of an emergency") is not { } followUp)
                {
                    continue;
                }

                var f = Fields(yaml, followUp, ["name", "reply", "phrases"], "a follow-up of an emergency");
                var name = f.TryGetValue("name", out var n) ? yaml.Scalar(n, "name") : null;
                var reply = f.TryGetValue("reply", out var r) ? yaml.Scalar(r, "reply") : null;
                if (name is null || reply is null || !f.TryGetValue("phrases", out var phrases))
                {
                    yaml.Error(item, "a follow-up of an emergency needs name, reply and phrases");
                    continue;
                }

                followUps.Add(new EmergencyFollowUp(name, reply, PhraseMap(yaml, phrases, $"phrases of '{name}'")));
            }
        }

        if (emergencies.Count == 0)
        {
            yaml.Error(root, "safety.yaml has no emergency rules");
        }

        if (crisis is null || !fields.ContainsKey("now") || !fields.ContainsKey("question"))
        {
            yaml.Error(root, "safety.yaml needs 'crisis', 'now' and 'question' sections");
            return null;
        }

        return new SafetyRules
        {
            Emergencies = emergencies,
            Crisis = crisis,
            Now = PhraseMap(yaml, fields["now"], "now"),
            NowWeak = Optional(yaml, fields, "now_weak"),
            NowExcept = Optional(yaml, fields, "now_except"),
            SignsExcept = Optional(yaml, fields, "signs_except"),
            LongAgoExcept = Optional(yaml, fields, "long_ago_except"),
            Present = Optional(yaml, fields, "present"),
            ConditionalExcept = Optional(yaml, fields, "conditional_except"),
            Question = PhraseMap(yaml, fields["question"], "question"),
            QuestionExcept = Optional(yaml, fields, "question_except"),
            SupposedOfAnyone = Optional(yaml, fields, "supposed_of_anyone"),
            People = Optional(yaml, fields, "people"),
            Conditional = Optional(yaml, fields, "conditional"),
            NotNow = Optional(yaml, fields, "not_now"),
            NotNowUndone = Optional(yaml, fields, "not_now_undone"),
            Laughter = Optional(yaml, fields, "laughter"),
            RealQuestion = Optional(yaml, fields, "real_question"),
            Past = fields.TryGetValue("past", out var past) ? PhraseMap(yaml, past, "past") : new LanguageMap<string>(),
            LongAgo = fields.TryGetValue("long_ago", out var longAgo) ? PhraseMap(yaml, longAgo, "long_ago") : new LanguageMap<string>(),
            Examples = examples,
            AfterEmergency = followUps,
        };
    }

    private static LanguageMap<string> Optional(YamlNodes yaml, Dictionary<string, YamlNode> fields, string name) =>
        fields.TryGetValue(name, out var node) ? PhraseMap(yaml, node, name) : new LanguageMap<string>();

    private static bool ReadFlag(YamlNodes yaml, YamlNode node, string text)
    {
        if (bool.TryParse(text.Trim(), out var value))
        {
            return value;
        }

        yaml.Error(node, $"'{text.Trim()}' is not true or false");
        return false;
    }

    /// <summary>situations.yaml: label -> language -> messages. Labels are checked against safety.yaml by the loader.</summary>
    public static Situations ReadSituations(YamlNodes yaml, YamlNode root)
    {
        var examples = new List<LabelledSituation>();
        if (yaml.Mapping(root, "situations.yaml") is not { } mapping)
        {
            return Situations.Empty;
        }

        var seen = new Dictionary<string, (string Label, SourcePosition At)>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (yaml.Scalar(keyNode, "a situation label") is not { } label)
            {
                continue;
            }

            foreach (var (language, listNode) in Languages(yaml, value, $"situation '{label}'"))
            {
                if (yaml.Sequence(listNode, $"situation '{label}' ({language})") is not { } list)
                {
                    continue;
                }

                foreach (var item in list.Children)
                {
                    if (yaml.Scalar(item, $"a message of '{label}'") is not { } text || TextNormalizer.FoldToPhrase(text).Length == 0)
                    {
                        continue;
                    }

                    var at = yaml.At(item);
                    var folded = language + ":" + TextNormalizer.FoldToPhrase(text);
                    if (seen.TryGetValue(folded, out var first))
                    {
                        yaml.Error(item, first.Label == label
                            ? $"'{text.Trim()}' is listed twice under '{label}' (first at {first.At})"
                            : $"'{text.Trim()}' is labelled '{label}' here and '{first.Label}' at {first.At}; one message, one label");
                        continue;
                    }

                    seen[folded] = (label, at);
                    examples.Add(new LabelledSituation(label, language, text.Trim(), at));
                }
            }
        }

        return new Situations(examples);
    }

    public static LanguageRules ReadLanguage(YamlNodes yaml, YamlNode root)
    {
        var rules = new List<LanguageRule>();
        if (yaml.Sequence(root, "language.yaml") is not { } list)
        {
            return new LanguageRules(rules);
        }

        foreach (var item in list.Children)
        {
            if (yaml.Mapping(item, "a language rule") is not { } mapping)
            {
                continue;
            }

            var fields = Fields(yaml, mapping, ["avoid", "prefer", "allow"], "a language rule");
            var avoid = fields.TryGetValue("avoid", out var a) ? yaml.ScalarList(a, "avoid") : [];
            var prefer = fields.TryGetValue("prefer", out var p) ? yaml.Scalar(p, "prefer") : null;
            var allow = fields.TryGetValue("allow", out var al) ? yaml.ScalarList(al, "allow") : [];
            if (avoid.Count == 0 || prefer is null)
            {
                yaml.Error(item, "a language rule needs 'avoid' (a list of words) and 'prefer'");
                continue;
            }

            rules.Add(new LanguageRule(avoid, prefer, PhraseRegex(avoid), allow.Select(x => PhraseRegex([x])).ToList(), yaml.At(item)));
        }

        return new LanguageRules(rules);
    }

    private static Regex PhraseRegex(IEnumerable<string> phrases)
    {
        var alternatives = phrases.Select(p => string.Join(@"[\s-]+", p.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape)));
        return new Regex($@"(?<![\p{{L}}\p{{N}}])(?:{string.Join('|', alternatives)})(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    private static LanguageMap<string> PhraseMap(YamlNodes yaml, YamlNode node, string what)
    {
        var map = new LanguageMap<string>();
        foreach (var (language, listNode) in Languages(yaml, node, what))
        {
            var phrases = new List<string>();
            foreach (var line in yaml.ScalarList(listNode, $"{what} ({language})"))
            {
                var (expanded, error) = PhraseAlternatives.Expand(line);
                if (error is not null)
                {
                    yaml.Error(listNode, $"{what} ({language}): {error}");
                }

                phrases.AddRange(expanded.Select(TextNormalizer.FoldToPhrase).Where(p => p.Length > 0));
            }

            map.Set(language, phrases.Distinct(StringComparer.Ordinal).ToList());
        }

        return map;
    }

    private static IEnumerable<(string Language, YamlNode Node)> Languages(YamlNodes yaml, YamlNode node, string what)
    {
        if (yaml.Mapping(node, $"{what} (by language: en, es)") is not { } mapping)
        {
            yield break;
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            var language = (keyNode as YamlScalarNode)?.Value;
            if (language is null || !EntryFileReader.Languages.Contains(language))
            {
                yaml.Error(keyNode, $"'{language}' in {what} is not a language; use en or es");
                continue;
            }

            yield return (language, value);
        }
    }

    private static Dictionary<string, YamlNode> Fields(YamlNodes yaml, YamlMappingNode mapping, string[] known, string what)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!known.Contains(key))
            {
                yaml.Error(keyNode, $"unknown field '{key}' in {what}; expected {string.Join(", ", known)}");
                continue;
            }

            fields[key] = value;
        }

        return fields;
    }
}
