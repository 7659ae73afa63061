namespace HarmReduction.Bot.Semantic;

/// <summary>
/// The knowledge's vectors numbered once, for the safety net's vote and the semantic index together: most texts are in
/// both (every listed question), and both compare the same message with them in one turn. The vote compares the message
/// with every row and the result is kept for the thread's next caller, so the index, asked about the same message
/// (the same array: a turn encodes its message once), reads its rows instead of computing them again. The rows are the
/// very vectors each used before, so every similarity is exactly the one it computed itself.
/// </summary>
public sealed class SimilarityTable
{
    [ThreadStatic]
    private static Comparison? t_last;

    private readonly List<float[]> _rows = [];
    private readonly Dictionary<float[], int> _numbers = new(ReferenceEqualityComparer.Instance);

    public int Count => _rows.Count;

    /// <summary>The row number of each vector (a vector already in the table keeps its number). Only while the snapshot is built.</summary>
    public int[] Add(IReadOnlyList<float[]> vectors)
    {
        var numbers = new int[vectors.Count];
        for (var i = 0; i < vectors.Count; i++)
        {
            if (!_numbers.TryGetValue(vectors[i], out numbers[i]))
            {
                numbers[i] = _rows.Count;
                _numbers[vectors[i]] = _rows.Count;
                _rows.Add(vectors[i]);
            }
        }

        return numbers;
    }

    /// <summary>The message's similarity with every row (by row number), kept for <see cref="TryRecall"/> on this thread.</summary>
    public float[] CompareAll(float[] message)
    {
        var similarities = new float[_rows.Count];
        for (var i = 0; i < similarities.Length; i++)
        {
            similarities[i] = Vectors.Cosine(message, _rows[i]);
        }

        t_last = new Comparison(this, message, similarities);
        return similarities;
    }

    /// <summary>The similarities <see cref="CompareAll"/> last computed on this thread, when it was for this very message array.</summary>
    public bool TryRecall(float[] message, out float[] similarities)
    {
        if (t_last is { } last && ReferenceEquals(last.Table, this) && ReferenceEquals(last.Message, message))
        {
            similarities = last.Similarities;
            return true;
        }

        similarities = [];
        return false;
    }

    private sealed record Comparison(SimilarityTable Table, float[] Message, float[] Similarities);
}
