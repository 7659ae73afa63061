namespace HarmReduction.Bot.Knowledge.Matching;

/// <summary>
/// The terms of one language's entries as numbers, with the list of questions, labels and answers each term occurs in,
/// so a message is compared only with the questions and entries it shares a term with. Every question keeps its terms
/// (and their weights) in the order its set enumerates them, and its weight total summed in that order: the scores are
/// the same, to the last bit, as comparing the message with every question term by term.
/// </summary>
internal sealed class TermPostings
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<Question> _questions = [];
    private readonly List<List<int>> _questionsWith = [];
    private readonly List<List<int>> _labelsWith = [];
    private readonly List<List<int>> _answersWith = [];
    private readonly int _entryCount;

    /// <param name="entries">Each entry's question term sets, labels and answer terms, in the index's entry order.</param>
    /// <param name="weightOf">A term's weight (its squared IDF).</param>
    public TermPostings(IReadOnlyList<(List<HashSet<string>> Questions, HashSet<string> Labels, HashSet<string> Answer)> entries, Func<string, double> weightOf)
    {
        _entryCount = entries.Count;
        for (var e = 0; e < entries.Count; e++)
        {
            var (questions, labels, answer) = entries[e];
            for (var q = 0; q < questions.Count; q++)
            {
                var terms = new int[questions[q].Count];
                var weights = new double[terms.Length];
                var mass = 0.0;
                var t = 0;
                foreach (var term in questions[q])
                {
                    terms[t] = Add(term);
                    weights[t] = weightOf(term);
                    mass += weights[t];
                    _questionsWith[terms[t]].Add(_questions.Count);
                    t++;
                }

                _questions.Add(new Question(e, q, terms, weights, mass));
            }

            foreach (var term in labels)
            {
                _labelsWith[Add(term)].Add(e);
            }

            foreach (var term in answer)
            {
                _answersWith[Add(term)].Add(e);
            }
        }
    }

    /// <summary>The term's number, or -1 when no entry uses it.</summary>
    public int IdOf(string term) => _ids.TryGetValue(term, out var id) ? id : -1;

    /// <summary>
    /// For every entry: the cosine of its closest question (the first one on a tie, -1 when none shares a term) and the
    /// weight of the message's terms its labels and its answer hold.
    /// </summary>
    /// <param name="query">The message's terms (<see cref="IdOf"/>) and weights, in the order the message's set enumerates them.</param>
    /// <param name="queryMass">The sum of the weights, in that order.</param>
    public EntryEvidence[] Score(IReadOnlyList<(int Term, double Weight)> query, double queryMass)
    {
        var evidence = new EntryEvidence[_entryCount];
        Array.Fill(evidence, new EntryEvidence(0, -1, 0, 0));
        var terms = new int[query.Count];
        var candidates = new List<int>();
        for (var i = 0; i < query.Count; i++)
        {
            terms[i] = query[i].Term;
            if (query[i].Term >= 0)
            {
                candidates.AddRange(_questionsWith[query[i].Term]);
            }
        }

        // In question order, so that on a tie the first question stays the closest.
        candidates.Sort();
        for (var c = 0; c < candidates.Count; c++)
        {
            if (c > 0 && candidates[c] == candidates[c - 1])
            {
                continue;
            }

            var question = _questions[candidates[c]];
            var shared = 0.0;
            for (var t = 0; t < question.Terms.Length; t++)
            {
                if (Array.IndexOf(terms, question.Terms[t]) >= 0)
                {
                    shared += question.Weights[t];
                }
            }

            var cosine = shared == 0 ? 0 : shared / Math.Sqrt(queryMass * question.Mass);
            if (cosine > evidence[question.Entry].Closeness)
            {
                evidence[question.Entry] = evidence[question.Entry] with { Closeness = cosine, Closest = question.Index };
            }
        }

        // Each entry's shares add the message's weights in the message's order.
        foreach (var (term, weight) in query)
        {
            if (term < 0)
            {
                continue;
            }

            foreach (var e in _labelsWith[term])
            {
                evidence[e] = evidence[e] with { LabelShare = evidence[e].LabelShare + weight };
            }

            foreach (var e in _answersWith[term])
            {
                evidence[e] = evidence[e] with { AnswerShare = evidence[e].AnswerShare + weight };
            }
        }

        return evidence;
    }

    private int Add(string term)
    {
        if (!_ids.TryGetValue(term, out var id))
        {
            id = _ids.Count;
            _ids[term] = id;
            _questionsWith.Add([]);
            _labelsWith.Add([]);
            _answersWith.Add([]);
        }

        return id;
    }

    private sealed record Question(int Entry, int Index, int[] Terms, double[] Weights, double Mass);
}

/// <summary>What one entry shares with a message: its closest question's cosine and index, and the weight its labels and answer hold.</summary>
internal readonly record struct EntryEvidence(double Closeness, int Closest, double LabelShare, double AnswerShare);
