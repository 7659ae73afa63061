using HarmReduction.Bot.Semantic;

namespace HarmReduction.Bot.Knowledge.Matching;

/// <summary>
/// Ranks entries on both kinds of evidence: the words a message shares with an entry (the lexical ranker) and what it
/// means (the cosine of the entry's closest phrasing). Several ways of combining them are kept side by side so they can
/// be compared on the question sets (docs/answering.md); <see cref="FusionMode.Weighted"/> is the measured default.
/// Every mode ends in one score per entry, 0 to 1, that the confidence bands read.
/// </summary>
public sealed class FusionRanker(IKnowledgeRanker lexical, SemanticKnowledgeIndex? semantic, FusionOptions options, KnowledgeIndex? topics = null)
{
    private const int Depth = 10;

    public IKnowledgeRanker Lexical { get; } = lexical;

    public bool HasSemantic => semantic is not null && options.Mode != FusionMode.Lexical;

    public IEnumerable<string> Languages => Lexical.Languages;

    /// <summary>Whether meaning takes part in ranking messages in this language (it stays lexical where it did not help).</summary>
    public bool UsesMeaning(string language) =>
        HasSemantic && !options.LexicalLanguages.Contains(language, StringComparer.OrdinalIgnoreCase);

    /// <param name="vector">The message's vector, asked for only when the semantic layer is on.</param>
    public IReadOnlyList<KnowledgeMatch> Search(string text, string language, Func<float[]>? vector, int top = 5)
    {
        var words = Lexical.Search(text, language, Depth);
        if (!HasSemantic || vector is null)
        {
            return words.Take(top).ToList();
        }

        if (!UsesMeaning(language))
        {
            return Anchored(Verbatim(words, vector(), language, top, out var byMeaning), byMeaning, text, language);
        }

        var meaning = semantic!.Search(vector(), language, Depth);
        var candidates = Merge(words, meaning);
        var ranked = options.Mode switch
        {
            FusionMode.Semantic => candidates.Select(c => c with { Score = Calibrated(c.Semantic) }),
            FusionMode.ReciprocalRank => ReciprocalRank(candidates, words, meaning),
            FusionMode.Rerank => Rerank(candidates, words),
            _ => candidates.Select(c => c with { Score = Weighted(c) }),
        };
        return Anchored(ranked.OrderByDescending(m => m.Score).ThenBy(m => m.Entry.Id, StringComparer.Ordinal).Take(top).ToList(), meaning, text, language);
    }

    /// <summary>
    /// An entry that the message names by no topic word (see <see cref="KnowledgeIndex.TopicAnchors"/>) and that it is not
    /// close to in meaning either is no evidence at all: "como le hablo a una chava" shares a word or two with some
    /// phrasing, but no topic. Such candidates are dropped, so small talk falls back instead of getting a confident answer.
    /// </summary>
    private List<KnowledgeMatch> Anchored(List<KnowledgeMatch> ranked, IReadOnlyList<SemanticMatch> meaning, string text, string language)
    {
        if (topics is null || !options.UnanchoredMeaning.TryGetValue(language, out var floor) || ranked.Count == 0)
        {
            return ranked;
        }

        var similarity = meaning.ToDictionary(m => m.Entry.Id, m => m.Similarity, StringComparer.Ordinal);
        bool Close(KnowledgeMatch m) => similarity.GetValueOrDefault(m.Entry.Id) >= floor;
        if (ranked.All(Close))
        {
            return ranked;
        }

        // Only now are the message's topic words read (its typos corrected again): most messages are close to every candidate kept.
        // Words that made an entry a strong candidate anchor it too, when the message brings several of them: the model
        // does not read slang ("he od last night, what should i watch for today" is far in meaning from every phrasing
        // of the after-an-overdose entry), while the words, with the synonyms, do. One word is not enough ("necesito trabajo").
        var topicWords = topics.TopicAnchors(text, language);
        var wordsAnchor = topics.TermCount(text, language) >= options.AnchoringTerms;
        bool anchored(KnowledgeEntry entry) => topicWords(entry)
            || (wordsAnchor && ranked.Any(m => m.Entry == entry && (m.Lexical ?? (m.Semantic is null ? m.Score : 0)) >= options.AnchoringWordsAt));
        // When the best candidate was such a stray match, the weaker ones behind it must be close in meaning too.
        return anchored(ranked[0].Entry) || Close(ranked[0])
            ? ranked.Where(m => anchored(m.Entry) || Close(m)).ToList()
            : ranked.Where(Close).ToList();
    }

    /// <summary>
    /// In a language ranked on words alone, a message that is (all but) one of an entry's listed phrasings still goes to
    /// that entry: staff wrote that phrasing for it, whatever the word counts say ("como uso la naloxona").
    /// </summary>
    private List<KnowledgeMatch> Verbatim(IReadOnlyList<KnowledgeMatch> words, float[] vector, string language, int top, out IReadOnlyList<SemanticMatch> meaning)
    {
        var ranked = words.Take(top).ToList();
        // One search serves both: its first is the closest phrasing, and its depth covers any tie among the top five.
        meaning = semantic!.Search(vector, language, TieDepth);
        if (meaning is not [var closest, ..] || closest.Similarity < options.VerbatimAt
            || (ranked.Count > 0 && ranked[0].Entry.Id == closest.Entry.Id))
        {
            return Confirmed(BreakNearTies(ranked, meaning), meaning);
        }

        var known = words.FirstOrDefault(w => w.Entry.Id == closest.Entry.Id);
        var promoted = new KnowledgeMatch(closest.Entry, Math.Max(ranked.Count > 0 ? ranked[0].Score : 0, Calibrated(closest.Similarity)), closest.ClosestPhrasing)
        {
            Lexical = known?.Score ?? 0,
            Semantic = closest.Similarity,
        };
        return [promoted, .. ranked.Where(m => m.Entry.Id != closest.Entry.Id).Take(top - 1)];
    }

    /// <summary>
    /// When the words' best entry is also the one whose phrasing is closest in meaning, and closely so
    /// (<see cref="FusionOptions.ConfirmAt"/>), the two kinds of evidence agree: the surer of the two is the confidence.
    /// "Como se usan las tiras de prueba para fentanilo? Me dieron unas en la clinica pero no entendi" shares few words
    /// with the how-to entry's phrasings, but means one of them.
    /// </summary>
    private List<KnowledgeMatch> Confirmed(List<KnowledgeMatch> ranked, IReadOnlyList<SemanticMatch> meaning)
    {
        if (ranked.Count == 0 || meaning is not [var closest, ..] || closest.Similarity < options.ConfirmAt || ranked[0].Entry.Id != closest.Entry.Id
            || ranked[0].Score < options.ConfirmWordsAt)
        {
            return ranked;
        }

        var confirmed = Calibrated(closest.Similarity);
        return confirmed <= ranked[0].Score
            ? ranked
            : [ranked[0] with { Score = Math.Round(confirmed, 4), Semantic = closest.Similarity }, .. ranked.Skip(1)];
    }

    /// <summary>
    /// Entries the words cannot tell apart (within <see cref="FusionOptions.NearTie"/> of the best) are put in the order of their
    /// meaning: "como funcionan las tiritas para el fentanilo" shares as many words with the xylazine strips as with the
    /// fentanyl strips, but means the second. The scores stay where they were, so the bands decide as before.
    /// </summary>
    private List<KnowledgeMatch> BreakNearTies(List<KnowledgeMatch> ranked, IReadOnlyList<SemanticMatch> byMeaning)
    {
        var tied = ranked.TakeWhile(m => ranked[0].Score - m.Score <= options.NearTie).ToList();
        if (tied.Count < 2)
        {
            return ranked;
        }

        var meaning = byMeaning.ToDictionary(m => m.Entry.Id, m => m.Similarity, StringComparer.Ordinal);
        var reordered = tied.OrderByDescending(m => meaning.TryGetValue(m.Entry.Id, out var similarity) ? similarity : -1).ToList();
        return
        [
            .. reordered.Select((m, i) => m with { Score = tied[i].Score, Lexical = m.Score, Semantic = meaning.TryGetValue(m.Entry.Id, out var s) ? s : null }),
            .. ranked.Skip(tied.Count),
        ];
    }

    /// <summary>How many entries' closest phrasings are looked up to break a tie: enough to cover any lexical top five.</summary>
    private const int TieDepth = 40;

    /// <summary>Cosine mapped onto the lexical scale: below <c>SemanticFloor</c> means nothing, <c>SemanticCeiling</c> and above is certain.</summary>
    private double Calibrated(double? cosine) =>
        cosine is { } c ? Math.Clamp((c - options.SemanticFloor) / (options.SemanticCeiling - options.SemanticFloor), 0, 1) : 0;

    private double Weighted(KnowledgeMatch candidate) =>
        Math.Round((options.SemanticWeight * Calibrated(candidate.Semantic)) + ((1 - options.SemanticWeight) * (candidate.Lexical ?? 0)), 4);

    private static List<KnowledgeMatch> Merge(IReadOnlyList<KnowledgeMatch> words, IReadOnlyList<SemanticMatch> meaning)
    {
        var merged = new Dictionary<string, KnowledgeMatch>(StringComparer.Ordinal);
        foreach (var match in words)
        {
            merged[match.Entry.Id] = match with { Lexical = match.Score };
        }

        foreach (var match in meaning)
        {
            merged[match.Entry.Id] = merged.TryGetValue(match.Entry.Id, out var known)
                ? known with { Semantic = match.Similarity, ClosestQuestion = match.ClosestPhrasing }
                : new KnowledgeMatch(match.Entry, 0, match.ClosestPhrasing) { Lexical = 0, Semantic = match.Similarity };
        }

        return [.. merged.Values];
    }

    /// <summary>Order by the sum of 1/(60 + rank) over both lists; the confidence is the weighted score of each entry.</summary>
    private IEnumerable<KnowledgeMatch> ReciprocalRank(List<KnowledgeMatch> candidates, IReadOnlyList<KnowledgeMatch> words, IReadOnlyList<SemanticMatch> meaning)
    {
        var rrf = candidates.ToDictionary(c => c.Entry.Id, _ => 0.0, StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            rrf[words[i].Entry.Id] += 1.0 / (60 + i + 1);
        }

        for (var i = 0; i < meaning.Count; i++)
        {
            rrf[meaning[i].Entry.Id] += 1.0 / (60 + i + 1);
        }

        var ordered = candidates.OrderByDescending(c => rrf[c.Entry.Id]).ToList();
        var confidence = ordered.Count > 0 ? Weighted(ordered[0]) : 0;
        var best = ordered.Count > 0 ? rrf[ordered[0].Entry.Id] : 1;
        return ordered.Select(c => c with { Score = Math.Round(confidence * rrf[c.Entry.Id] / best, 4) });
    }

    /// <summary>The lexical ranker's candidates, reordered by meaning; the lexical confidence of the best stays the confidence.</summary>
    private IEnumerable<KnowledgeMatch> Rerank(List<KnowledgeMatch> candidates, IReadOnlyList<KnowledgeMatch> words)
    {
        var pool = candidates.Where(c => words.Any(w => w.Entry.Id == c.Entry.Id)).OrderByDescending(c => c.Semantic ?? -1).ToList();
        var confidence = words.Count > 0 ? words[0].Score : 0;
        return pool.Select((c, i) => c with { Score = Math.Round(confidence * Math.Pow(0.9, i), 4) });
    }
}

public enum FusionMode
{
    /// <summary>Words only (the ranker before the semantic layer).</summary>
    Lexical,

    /// <summary>Meaning only: the calibrated cosine of each entry's closest phrasing.</summary>
    Semantic,

    /// <summary>Reciprocal-rank fusion of the two orders.</summary>
    ReciprocalRank,

    /// <summary>The lexical candidates re-ordered by meaning.</summary>
    Rerank,

    /// <summary>A weighted sum of the lexical score and the calibrated cosine.</summary>
    Weighted,
}

/// <summary>How lexical and semantic evidence combine (<c>Answering:Fusion:*</c>); chosen on measurements in docs/answering.md.</summary>
public sealed class FusionOptions
{
    public FusionMode Mode { get; set; } = FusionMode.Weighted;

    public double SemanticWeight { get; set; } = 0.5;

    public double SemanticFloor { get; set; } = 0.35;

    public double SemanticCeiling { get; set; } = 0.85;

    /// <summary>
    /// In a language ranked on words alone, a message at least this alike (cosine) to a listed phrasing goes to that
    /// phrasing's entry: the same words, give or take an accent, a typo or the order.
    /// </summary>
    public double VerbatimAt { get; set; } = 0.97;

    /// <summary>In a language ranked on words alone, entries within this of the best score are ordered by meaning.</summary>
    public double NearTie { get; set; } = 0.03;

    /// <summary>
    /// In a language ranked on words alone, when the words' best entry holds the phrasing closest in meaning at this cosine
    /// or more, its confidence is the calibrated cosine if that is higher. Above 1: never.
    /// </summary>
    public double ConfirmAt { get; set; } = 0.65;

    /// <summary>
    /// The least the words' own score must be for meaning to confirm it: a lead of a few hundredths ("que es the naloxone
    /// vending machine", 0.04) is no lead, and the message is searched in English instead.
    /// </summary>
    public double ConfirmWordsAt { get; set; } = 0.15;

    /// <summary>
    /// An entry whose words' score alone (the lexical ranker's confidence) is at least this is anchored as if the message
    /// named its topic, when the message brings at least <see cref="AnchoringTerms"/> terms. Above 1: never.
    /// </summary>
    public double AnchoringWordsAt { get; set; } = 0.5;

    /// <summary>The least number of distinct search terms a message needs for its words alone to anchor an entry.</summary>
    public int AnchoringTerms { get; set; } = 4;

    /// <summary>
    /// By language, how alike in meaning (cosine of the closest phrasing) an entry must be when the message names none of
    /// its topic words; below it the entry is not a candidate. Spanish asks more: the model reads it less well.
    /// </summary>
    public Dictionary<string, double> UnanchoredMeaning { get; set; } = new(StringComparer.Ordinal) { ["en"] = 0.55, ["es"] = 0.65 };

    /// <summary>
    /// Languages ranked on words alone. Spanish by default: the model is trained mostly on English, and on the Spanish
    /// items of every question set meaning made the answers worse (docs/answering.md). A comma-separated list; empty
    /// puts every language through the fusion.
    /// </summary>
    public string LexicalOnly { get; set; } = "es";

    internal IReadOnlyList<string> LexicalLanguages =>
        LexicalOnly.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
