using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Semantic;

namespace HarmReduction.Bot.Safety;

/// <summary>
/// The second safety net: the labelled messages of situations.yaml as vectors. A message's nearest neighbours vote,
/// each weighted by its similarity; a label wins when its share of the vote reaches <see cref="SafetyNetOptions.VoteShare"/>
/// and its closest example is at least <see cref="SafetyNetOptions.MinSimilarity"/> alike. Near misses (<c>none</c>)
/// vote too, which is what keeps "what do i do if someone ods" from sounding like "someone is oding".
/// The kinds of emergency vote together ("is it an emergency?"), then the strongest kind among them names it: a man who
/// is "blue and limp" sounds half like an overdose and half like a cardiac arrest, and is surely one of them.
/// An example nearly the same as the message (<see cref="SafetyNetOptions.DecisiveSimilarity"/>) decides alone.
/// An entry's phrasing that asks or supposes ("what do i do if someone on flakka gets super hot") votes only on a message
/// that asks too: close in meaning to "he's on flakka, burning up and paranoid", it shares the topic, not the framing,
/// and a statement is judged by the bank's near misses and the phrasings that are statements.
/// </summary>
public sealed class SituationNet
{
    private readonly LabelledSituation[] _examples;
    private readonly int[] _rows;
    private readonly SimilarityTable _table;
    private readonly SafetyNetOptions _options;
    private readonly HashSet<string> _poolLanguages;
    private readonly HashSet<string> _statementPoolLanguages;
    private readonly HashSet<string> _alsoCrisis;
    private readonly SituationReadout? _readout;

    /// <param name="questions">
    /// The knowledge's own phrasings (not flagged by the rules): every one is a question the knowledge base answers,
    /// so each votes "none". They teach the net what an ordinary question sounds like, in thousands of wordings. Those
    /// marked <see cref="LabelledSituation.Asks"/> vote only on messages framed as a question.
    /// </param>
    /// <param name="table">The snapshot's vectors, shared with the semantic index (which reads this vote's similarities).</param>
    /// <param name="alsoCrisis">The kinds of emergency that are a crisis too (an overdose taken on purpose).</param>
    public SituationNet(Situations situations, IEnumerable<LabelledSituation> questions, KnowledgeVectors vectors, SafetyNetOptions options, SimilarityTable? table = null, IEnumerable<string>? alsoCrisis = null)
    {
        _alsoCrisis = new HashSet<string>(alsoCrisis ?? [], StringComparer.Ordinal);
        _examples = [.. situations.Examples, .. questions];
        _table = table ?? new SimilarityTable();
        var exampleVectors = vectors.For(_examples.Select(e => e.Text).ToList());
        _rows = _table.Add(exampleVectors);
        _options = options;
        _readout = options.Readout
            ? SituationReadout.For([.. _examples.Select((e, i) => (e.Label, exampleVectors[i]))], (float)options.ReadoutRegularization, vectors.CacheFolder)
            : null;
        _poolLanguages = new HashSet<string>(SafetyNetOptions.Languages(options.PoolEmergencies), StringComparer.Ordinal);
        _statementPoolLanguages = new HashSet<string>(SafetyNetOptions.Languages(options.PoolEmergenciesInStatements), StringComparer.Ordinal);
    }

    public bool IsEmpty => _examples.Length == 0;

    public SafetyNetOptions Options => _options;

    /// <summary>The linear read-out's probabilities for a message's vector; null when it is off (<see cref="SafetyNetOptions.Readout"/>).</summary>
    public ReadoutScores? Read(float[] message) => _readout?.Read(message);

    /// <summary>The kind of emergency of the labelled example most alike to the message, in the whole bank.</summary>
    public string? NearestEmergency(float[] message)
    {
        var similarities = _table.CompareAll(message);
        string? nearest = null;
        var best = float.MinValue;
        for (var i = 0; i < _rows.Length; i++)
        {
            if (SituationReadout.SideOf(_examples[i].Label) == SituationReadout.EmergencySide && similarities[_rows[i]] > best)
            {
                best = similarities[_rows[i]];
                nearest = _examples[i].Label;
            }
        }

        return nearest;
    }

    /// <summary>Whether a kind of emergency is a crisis too (an overdose taken on purpose).</summary>
    public bool IsAlsoCrisis(string label) => _alsoCrisis.Contains(label);

    /// <param name="language">The message's language when known: the kinds of emergency vote together only in a language listed in <see cref="SafetyNetOptions.PoolEmergencies"/> (English by default), or in <see cref="SafetyNetOptions.PoolEmergenciesInStatements"/> when the message is not framed as a question.</param>
    /// <param name="framedAsQuestion">The rules read the message as a question (a question word or mark).</param>
    /// <param name="leaveOut">An example text that does not vote (every example with that text).</param>
    public SituationVote Vote(float[] message, string? language = null, bool framedAsQuestion = false, string? leaveOut = null)
    {
        var pool = language is not null && (_poolLanguages.Contains(language) || (!framedAsQuestion && _statementPoolLanguages.Contains(language)));
        var k = Math.Min(_options.Neighbours, _examples.Length);
        if (k == 0)
        {
            return SituationVote.Nothing;
        }

        // The k best by similarity, kept sorted in a small array: k is small and the bank a few thousand messages.
        var best = new (float Similarity, int Index)[k];
        Array.Fill(best, (float.MinValue, -1));
        var similarities = _table.CompareAll(message);
        for (var i = 0; i < _rows.Length; i++)
        {
            var similarity = similarities[_rows[i]];
            if (similarity <= best[k - 1].Similarity || (leaveOut is not null && string.Equals(_examples[i].Text, leaveOut, StringComparison.Ordinal))
                || (!framedAsQuestion && _examples[i].Asks))
            {
                continue;
            }

            var at = k - 1;
            while (at > 0 && best[at - 1].Similarity < similarity)
            {
                best[at] = best[at - 1];
                at--;
            }

            best[at] = (similarity, i);
        }

        var neighbours = best.Where(b => b.Index >= 0).Select(b => new SituationNeighbour(_examples[b.Index], Math.Round(b.Similarity, 4))).ToList();
        if (neighbours.Count > 0 && neighbours[0].Similarity >= _options.DecisiveSimilarity && !HasARivalClose(neighbours, pool))
        {
            var nearest = neighbours[0].Example.Label;
            return new SituationVote(nearest == Situations.None ? null : nearest, 1, neighbours, Decisive: true);
        }

        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var neighbour in neighbours.Where(n => neighbours[0].Similarity - n.Similarity <= _options.VoterGap))
        {
            var side = SideOf(neighbour.Example.Label, pool);
            weights[side] = weights.GetValueOrDefault(side) + Math.Max(0, neighbour.Similarity);
        }

        var total = weights.Values.Sum();
        if (total <= 0)
        {
            return new SituationVote(null, 0, neighbours);
        }

        if (IsClearlyOffTopic(neighbours))
        {
            return new SituationVote(Situations.OffTopic, Math.Round(weights.GetValueOrDefault(Situations.OffTopic) / total, 3), neighbours);
        }

        var (winner, weight) = weights.MaxBy(w => w.Value);
        var share = weight / total;
        var closest = neighbours.Where(n => SideOf(n.Example.Label, pool) == winner).Max(n => n.Similarity);
        var clearlyOrdinary = IsClearlyOrdinary(neighbours);
        var wins = winner != Situations.None && share >= _options.VoteShare && closest >= _options.MinSimilarity
            && (winner == Situations.OffTopic || !clearlyOrdinary);
        var label = winner == EmergencySide
            ? neighbours.Where(n => SideOf(n.Example.Label, pool) == EmergencySide).GroupBy(n => n.Example.Label).MaxBy(g => g.Sum(n => n.Similarity))!.Key
            : winner;
        if (!wins && !framedAsQuestion && !clearlyOrdinary && AtLeastACrisis(neighbours, total) is { } crisis)
        {
            return new SituationVote(crisis.Label, Math.Round(crisis.Share, 3), neighbours, Joint: true);
        }

        return new SituationVote(wins ? label : null, Math.Round(share, 3), neighbours, ClearlyOrdinary: clearlyOrdinary);
    }

    /// <summary>
    /// Whether the nearest example is an ordinary message and clearly closer than any emergency or crisis: then the ones
    /// further off do not outvote it together. "my heart kind of flutters for a while after i smoke, it goes away. should i
    /// be worried long term" is 0.73 from "my chest gets tight sometimes after i smoke, is that something to worry about"
    /// and 0.55-0.59 from four emergencies of three kinds, which pooled would win.
    /// </summary>
    private bool IsClearlyOrdinary(IReadOnlyList<SituationNeighbour> neighbours) =>
        NearestLeads(neighbours, label => label is Situations.None or Situations.OffTopic, _options.OrdinaryMargin);

    /// <summary>
    /// Whether the nearest example is small talk or another subject and clearly closer than every other example: then the
    /// questions further off do not outvote it. "mi cel no carga aunque lo conecte, qué le hago" is 0.86 from "mi celular no
    /// carga que hago" and 0.68 from four knowledge phrasings that share only "como le hago": in Spanish the model puts short
    /// messages close to many others, so those four together held the share.
    /// </summary>
    private bool IsClearlyOffTopic(IReadOnlyList<SituationNeighbour> neighbours) =>
        neighbours[0].Similarity >= _options.MinSimilarity && NearestLeads(neighbours, label => label == Situations.OffTopic, _options.OffTopicMargin);

    /// <summary>Whether the nearest example is on a side and at least the margin closer than the nearest one that is not.</summary>
    private static bool NearestLeads(IReadOnlyList<SituationNeighbour> neighbours, Func<string, bool> onSide, double margin)
    {
        if (!onSide(neighbours[0].Example.Label))
        {
            return false;
        }

        var nearestOther = neighbours.FirstOrDefault(n => !onSide(n.Example.Label));
        return nearestOther is null || neighbours[0].Similarity - nearestOther.Similarity >= margin;
    }

    /// <summary>
    /// Whether a neighbour on another side is nearly as close as the nearest one: then the nearest does not decide alone.
    /// "tengo una herida en la pierna por la xilacina y se esta poniendo negra" is 0.91 from a sepsis example (a wound, high
    /// fever, confusion) and 0.87 from a wound question: in Spanish the model hears the shared topic more than the signs.
    /// </summary>
    private bool HasARivalClose(IReadOnlyList<SituationNeighbour> neighbours, bool pool)
    {
        var side = SideOf(neighbours[0].Example.Label, pool);
        return neighbours.Skip(1).Any(n => SideOf(n.Example.Label, pool) != side && neighbours[0].Similarity - n.Similarity < _options.DecisiveMargin);
    }

    /// <summary>
    /// An overdose taken on purpose is a crisis too, so its examples and the crisis ones speak for the same person: "took like
    /// 40 tylenol last night to die and now my stomach really hurts" sits between "just took 30 tylenol, i want to die" and
    /// "how many tylenol to die", and neither side alone reaches the share. Together they do: the stronger one names it. Not for a
    /// question ("od'd twice this yr... how do i not end up there again"): a question needs one side's own clear vote.
    /// </summary>
    private (string Label, double Share)? AtLeastACrisis(IReadOnlyList<SituationNeighbour> neighbours, double total)
    {
        var voters = neighbours.Where(n => n.Example.Label == Situations.Crisis || _alsoCrisis.Contains(n.Example.Label)).ToList();
        var weight = voters.Sum(n => Math.Max(0, n.Similarity));
        // Only when the nearest example is one of them: "tengo 20 y creo q tengo problema con las pastillas, por donde empiezo"
        // is 0.83 from "quiero dejar las pastillas, por donde empiezo" and 0.77-0.80 from crisis examples about pills.
        if (_alsoCrisis.Count == 0 || voters.Count == 0 || !voters.Contains(neighbours[0]) || weight / total < _options.VoteShare || voters.Max(n => n.Similarity) < _options.MinSimilarity)
        {
            return null;
        }

        var strongest = voters.GroupBy(n => n.Example.Label).MaxBy(g => g.Sum(n => n.Similarity))!.Key;
        return (strongest, weight / total);
    }

    private const string EmergencySide = "(emergency)";

    /// <summary>What a label votes for: no emergency, a crisis, or (every kind together) an emergency.</summary>
    private static string SideOf(string label, bool pool) =>
        !pool || label is Situations.None or Situations.Crisis or Situations.OffTopic ? label : EmergencySide;
}

/// <summary>What the neighbours said: the winning label (null: not an emergency or crisis), its share of the vote, and who voted.</summary>
/// <param name="Decisive">The nearest example was nearly the message itself and decided alone.</param>
/// <param name="Joint">Won by the crisis examples and the taken-on-purpose ones together, neither alone.</param>
/// <param name="Part">The sentence of the message that was voted on, when not the whole message.</param>
/// <param name="ClearlyOrdinary">The nearest example is ordinary and clearly nearer than any emergency or crisis (<see cref="SafetyNetOptions.OrdinaryMargin"/>).</param>
public sealed record SituationVote(string? Label, double Share, IReadOnlyList<SituationNeighbour> Neighbours, bool Decisive = false, bool Joint = false, string? Part = null, bool ClearlyOrdinary = false)
{
    public static readonly SituationVote Nothing = new(null, 0, []);
}

public sealed record SituationNeighbour(LabelledSituation Example, double Similarity);

/// <summary>How the neighbours vote (<c>Semantic:SafetyNet:*</c>); chosen for recall with false alarms measured (docs/answering.md).</summary>
public sealed class SafetyNetOptions
{
    public int Neighbours { get; set; } = 5;

    public double VoteShare { get; set; } = 0.6;

    public double MinSimilarity { get; set; } = 0.5;

    /// <summary>The share a crisis vote needs when the message asks something, supposes, or says it is not serious.</summary>
    public double CrisisShareWhenAsked { get; set; } = 0.7;

    /// <summary>The share a vote for an emergency that is not also a crisis needs to overrule a crisis the rules heard.</summary>
    public double EmergencyShareOverCrisis { get; set; } = 0.7;

    /// <summary>How alike the nearest example of that emergency must be for its vote to overrule a crisis the rules heard.</summary>
    public double EmergencyOverCrisisSimilarity { get; set; } = 0.6;

    /// <summary>The share of "none" neighbours that lets crisis words laughed at and told as over, before a question, be that question.</summary>
    public double NoneShareForAJoke { get; set; } = 0.8;

    /// <summary>
    /// Languages (comma-separated) in which the kinds of emergency vote as one side against "none" and "crisis". Not
    /// Spanish by default: the model knows it less well, and short Spanish greetings sit close to many emergencies.
    /// </summary>
    public string PoolEmergencies { get; set; } = "en";

    /// <summary>
    /// Languages in which the kinds of emergency vote as one side only when the message is not framed as a question:
    /// Spanish by default. "mi tio se cayo y solo da como bocanadas" sounds half like a seizure and half like a cardiac
    /// arrest, while "¿eso es peligroso?" questions about methadone sit close to several kinds at once.
    /// </summary>
    public string PoolEmergenciesInStatements { get; set; } = "es";

    internal static IReadOnlyList<string> Languages(string commaSeparated) =>
        commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A labelled example at least this alike decides alone (1.01: never).</summary>
    public double DecisiveSimilarity { get; set; } = 0.9;

    /// <summary>
    /// The share of a whole message's vote its crisis neighbours must have before its sentences are heard one by one (above
    /// 1: never). At 0.4 the message leans toward a crisis without reaching <see cref="VoteShare"/>.
    /// </summary>
    public double CrisisShareToHearASentence { get; set; } = 0.4;

    /// <summary>
    /// How much less alike than the nearest example a neighbour may be and still vote (1 or more: every neighbour votes).
    /// "wont be a problem for anybody much longer" is 0.89 from a crisis example and only 0.32-0.36 from the three nearest
    /// questions: those are not its neighbours in any useful sense, just the next rows of the bank.
    /// </summary>
    public double VoterGap { get; set; } = 0.35;

    /// <summary>How much closer than every emergency or crisis example the nearest ordinary one must be to settle the vote as ordinary (1 or more: never).</summary>
    public double OrdinaryMargin { get; set; } = 0.1;

    /// <summary>How much closer than every other example the nearest off-topic one must be to settle the vote as off-topic (1 or more: never).</summary>
    public double OffTopicMargin { get; set; } = 0.08;

    /// <summary>The read-out's emergency probability at which a longer message's sentences are heard one by one for an emergency told in one of them (above 1: only when an emergency is among the whole message's neighbours).</summary>
    public double EmergencyLeanToHearASentence { get; set; } = 0.3;

    /// <summary>Whether the linear read-out of the bank (<see cref="SituationReadout"/>) also judges messages the rules and the vote leave ordinary.</summary>
    public bool Readout { get; set; } = true;

    /// <summary>The read-out's L2 regularization: larger keeps its weights small, its probabilities nearer the middle.</summary>
    public double ReadoutRegularization { get; set; } = 0.01;

    /// <summary>The read-out's crisis probability that makes a crisis of a plain statement nothing else flagged.</summary>
    public double ReadoutCrisisAt { get; set; } = 0.7;

    /// <summary>The read-out's crisis probability that makes a crisis of a message that asks, supposes or says it is not serious.</summary>
    public double ReadoutCrisisWhenAsked { get; set; } = 0.9;

    /// <summary>The read-out's crisis probability that lets a crisis vote short of <see cref="CrisisShareWhenAsked"/> stand in a message that asks or supposes (above 1: never).</summary>
    public double ReadoutConfirmsACrisis { get; set; } = 0.6;

    /// <summary>The read-out's emergency probability that makes an emergency of a message telling the present plainly.</summary>
    public double ReadoutEmergencyAt { get; set; } = 0.9;

    /// <summary>How much closer the deciding example must be than any neighbour on another side (0: no margin).</summary>
    public double DecisiveMargin { get; set; } = 0.05;
}
