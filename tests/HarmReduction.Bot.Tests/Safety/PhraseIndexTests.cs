using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Tests.Harness;
using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// The phrase index only spares the matcher the phrases that cannot match: what a phrase list finds through it must be
/// what reading every phrase finds, in the same order.
/// </summary>
public sealed class PhraseIndexTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private static readonly string[] Fillers = ["so", "my", "friend", "rn", "omg", "pls", "like", "really", "ahora", "mi", "amigo"];

    [Fact]
    public void Over_the_shipped_phrases_the_index_finds_what_a_scan_of_every_phrase_finds()
    {
        var phrases = ShippedPhrases(engine.Bot.Knowledge.Safety);
        var list = new PhraseList<string[]>(phrases, p => p);
        var known = KnownWords(engine.Bot.Knowledge);
        var matched = 0;
        foreach (var message in Messages(engine.Bot.Knowledge.Safety, phrases))
        {
            var tokens = TextNormalizer.Tokens(message);
            var candidates = list.Candidates(tokens, known);
            Assert.Equal(candidates.Order().Distinct(), candidates);
            foreach (var maxGap in new[] { 0, PhraseMatcher.MaxGap })
            {
                var scanned = Enumerable.Range(0, phrases.Count).Where(i => PhraseMatcher.Contains(tokens, phrases[i], known, maxGap)).ToList();

                Assert.True(scanned.All(candidates.Contains), $"'{message}' (gap {maxGap}): the index leaves out {string.Join(", ", scanned.Except(candidates).Select(i => $"'{string.Join(' ', phrases[i])}'"))}");
                Assert.Equal(scanned.Count > 0, list.Any(tokens, known, maxGap));
                if (maxGap == PhraseMatcher.MaxGap)
                {
                    Assert.Equal(scanned.Select(i => phrases[i]), list.Where(tokens, known));
                    Assert.Equal(scanned.Select(i => phrases[i]).FirstOrDefault(), list.TryFirst(tokens, known, out var first) ? first : null);
                }

                matched += scanned.Count;
            }
        }

        // The messages are made from the phrases: a comparison over messages that match nothing would prove nothing.
        Assert.True(matched > 5_000, $"only {matched} matches");
    }

    [Fact]
    public void Taking_exceptions_out_gives_what_taking_out_each_phrase_in_turn_gives()
    {
        var safety = engine.Bot.Knowledge.Safety;
        foreach (var map in new[] { safety.NowExcept, safety.ConditionalExcept, safety.QuestionExcept, safety.SignsExcept, safety.LongAgoExcept, safety.Laughter })
        {
            var phrases = map.All().Select(p => Split(p.Item)).ToList();
            var exact = new ExactPhrases(phrases);
            var messages = phrases.Select(p => $"so {string.Join(' ', p)} and {string.Join(' ', p)} now").Concat(safety.Examples.Emergency).Concat(safety.Examples.Neither);
            foreach (var message in messages)
            {
                var tokens = TextNormalizer.Tokens(message);
                Assert.Equal(WithoutByScan(tokens, phrases), exact.Without(tokens));
            }
        }
    }

    [Theory]
    [InlineData("no se, no contesta el telefono, respira hondo y espera", "no se _ _ _ _ respira hondo y espera")]
    [InlineData("mi hijo no me contesta los mensajes", "mi hijo _ _ _ _ _")]
    [InlineData("no despierta y no contesta el cel", "no despierta y _ _ _ _")]
    [InlineData("no respira", "no respira")]
    public void A_sign_exception_is_blanked_word_for_word_so_its_neighbours_stay_apart(string message, string expected)
    {
        var exceptions = new ExactPhrases(engine.Bot.Knowledge.Safety.SignsExcept.All().Select(p => Split(p.Item)));

        var blanked = exceptions.Blanked(TextNormalizer.Tokens(message));

        Assert.Equal(expected, string.Join(' ', blanked));
    }

    [Fact]
    public void Words_around_a_blanked_exception_do_not_join_into_a_sign()
    {
        var exceptions = new ExactPhrases(engine.Bot.Knowledge.Safety.SignsExcept.All().Select(p => Split(p.Item)));
        var tokens = TextNormalizer.Tokens("no se, no contesta el telefono, respira hondo");
        var known = KnownWords(engine.Bot.Knowledge);

        Assert.True(PhraseMatcher.Contains(exceptions.Without(tokens), ["no", "respira"], known));
        Assert.False(PhraseMatcher.Contains(exceptions.Blanked(tokens), ["no", "respira"], known));
    }

    [Theory]
    [InlineData("he is od rn", "od rn", true)]
    [InlineData("he is odd rn", "od rn", false)]
    [InlineData("hes unresponive", "unresponsive", true)]
    [InlineData("hes unrsponive", "unresponsive", true)]
    [InlineData("hes unrspnive", "unresponsive", false)]
    [InlineData("hes breathng slow", "breathing slow", true)]
    [InlineData("hes notbreathing", "not breathing", true)]
    [InlineData("hes notbreathin", "not breathing", true)]
    [InlineData("cantwakeup him", "cant wake up", true)]
    [InlineData("ohmyhesnotbreathing", "not breathing", true)]
    [InlineData("hesnotbreathing", "cant wake up", false)]
    [InlineData("lips look so gray", "lips gray", true)]
    [InlineData("lips look so very gray", "lips gray", false)]
    [InlineData("lips are not gray", "lips gray", false)]
    [InlineData("what do i need to know to not die", "need to die", false)]
    [InlineData("i used to shoot dope myself", "shoot myself", false)]
    [InlineData("i want to shoot myself", "shoot myself", true)]
    [InlineData("morfin para el dolor", "mor sin dolor", false)]
    [InlineData("morsin dolor", "mor sin dolor", true)]
    public void Each_way_a_match_can_start_is_found(string message, string phrase, bool matches)
    {
        var list = new PhraseList<string[]>([Split("something else entirely"), Split(phrase)], p => p);
        var tokens = TextNormalizer.Tokens(message);

        Assert.Equal(matches, list.Any(tokens, new HashSet<string>()));
        Assert.Equal(PhraseMatcher.Contains(tokens, Split(phrase), new HashSet<string>()), matches);
    }

    [Fact]
    public void A_word_spelled_right_is_not_a_typo_of_another_through_the_index_either()
    {
        var list = new PhraseList<string[]>([Split("unconscious")], p => p);
        var known = new HashSet<string> { "conscious" };

        Assert.True(list.Any(["unconcious"], known));
        Assert.False(list.Any(["conscious"], known));
        Assert.True(list.Any(["conscious"], new HashSet<string>()));
    }

    [Fact]
    public void The_first_phrase_that_matches_is_the_first_written_whichever_way_it_matches()
    {
        var list = new PhraseList<(string Name, string[] Phrase)>(
            [("typo", Split("unresponsive")), ("joined", Split("not breathing")), ("exact", Split("hes")), ("run together", Split("wont wake up"))],
            p => p.Phrase);
        var tokens = TextNormalizer.Tokens("hes notbreathing unresponive ohwontwakeup");

        Assert.True(list.TryFirst(tokens, new HashSet<string>(), out var first));
        Assert.Equal("typo", first.Name);
        Assert.Equal(["typo", "joined", "exact", "run together"], list.Where(tokens, new HashSet<string>()).Select(p => p.Name));
        Assert.Equal(["joined", "exact", "run together"], list.Where(tokens, new HashSet<string>(), p => p.Name != "typo").Select(p => p.Name));
        Assert.True(list.TryFirst(tokens, new HashSet<string>(), out var firstAccepted, p => p.Name != "typo"));
        Assert.Equal("joined", firstAccepted.Name);
    }

    /// <summary>Every phrase of safety.yaml, as the detector reads it (crisis phrases unstemmed), each once.</summary>
    private static List<string[]> ShippedPhrases(SafetyRules safety)
    {
        var maps = safety.Emergencies.SelectMany(e => new[] { e.Signs, e.SignsWhenNow, e.SignsWithCrisis, e.Context, e.ChosenWith })
            .Concat([safety.Crisis.Signs, safety.Crisis.NotCrisis, safety.Crisis.AnotherPersonsSuicide, safety.Now, safety.NowWeak, safety.Present, safety.People, safety.Conditional,
                safety.NotNow, safety.NotNowUndone, safety.Question, safety.Past, safety.LongAgo])
            .Concat(safety.AfterEmergency.Select(f => f.Phrases));
        return maps.SelectMany(m => m.All().Select(p => p.Item)).Distinct(StringComparer.Ordinal).Select(Split).ToList();
    }

    /// <summary>
    /// The shipped examples, and messages made from a sample of the phrases the ways people type them: a typo in a word,
    /// words joined, the whole phrase run into the word before it, a word between two, other words around.
    /// </summary>
    private static List<string> Messages(SafetyRules safety, List<string[]> phrases)
    {
        var random = new Random(20261205);
        var messages = safety.Examples.Emergency.Concat(safety.Examples.Crisis).Concat(safety.Examples.Neither).ToList();
        for (var i = 0; i < phrases.Count; i += 7)
        {
            var words = phrases[i].ToList();
            string Filler() => Fillers[random.Next(Fillers.Length)];
            var typo = words.Select(w => w.Length >= 5 && random.Next(2) == 0 ? Typo(w, random, w.Length >= 9 ? 2 : 1) : w).ToList();
            messages.Add($"{Filler()} {string.Join(' ', typo)} {Filler()}");
            if (words.Count >= 2)
            {
                messages.Add($"{Filler()} {words[0] + words[1]} {string.Join(' ', words.Skip(2))}");
                messages.Add($"{Typo(words[0] + words[1], random, 1)} {string.Join(' ', words.Skip(2))} {Filler()}");
                messages.Add($"{Filler()}{string.Concat(words)}{(random.Next(2) == 0 ? "" : "x")} {Filler()}");
                var gapAt = 1 + random.Next(words.Count - 1);
                messages.Add(string.Join(' ', words.Take(gapAt).Concat(Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Filler())).Concat(words.Skip(gapAt))));
            }

            if (words.Count >= 3)
            {
                messages.Add($"{words[0] + words[1] + words[2]} {string.Join(' ', words.Skip(3))}");
                messages.Add($"{Filler()} {Typo(words[0] + words[1] + words[2], random, 2)} {string.Join(' ', words.Skip(3))}");
            }
        }

        return messages;
    }

    /// <summary>The word with a few edits: a letter dropped, doubled, changed, or two swapped.</summary>
    private static string Typo(string word, Random random, int edits)
    {
        for (var e = 0; e < edits && word.Length > 2; e++)
        {
            var at = random.Next(word.Length - 1);
            word = random.Next(4) switch
            {
                0 => word.Remove(at, 1),
                1 => word.Insert(at, word[at].ToString()),
                2 => word[..at] + (char)('a' + random.Next(26)) + word[(at + 1)..],
                _ => word[..at] + word[at + 1] + word[at] + word[(at + 2)..],
            };
        }

        return word;
    }

    /// <summary>As KnowledgeSnapshot's known words, so the index is compared with the words the detector is given.</summary>
    private static HashSet<string> KnownWords(KnowledgeBase knowledge)
    {
        var known = knowledge.Entries.SelectMany(e => new[] { e.Title, e.SmsAnswer, e.WebAnswer }).SelectMany(TextNormalizer.Tokens).ToHashSet(StringComparer.Ordinal);
        known.UnionWith(RealWords.All);
        return known;
    }

    /// <summary>Taking the phrases out the plain way: every phrase, every position.</summary>
    private static List<string> WithoutByScan(IReadOnlyList<string> tokens, List<string[]> phrases)
    {
        var kept = tokens.ToList();
        foreach (var phrase in phrases)
        {
            for (var at = 0; at + phrase.Length <= kept.Count;)
            {
                if (phrase.Select((word, i) => kept[at + i] == word).All(same => same))
                {
                    kept.RemoveRange(at, phrase.Length);
                }
                else
                {
                    at++;
                }
            }
        }

        return kept;
    }

    private static string[] Split(string phrase) => phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
