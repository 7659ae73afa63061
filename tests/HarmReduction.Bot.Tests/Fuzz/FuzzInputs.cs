using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace HarmReduction.Bot.Tests.Fuzz;

/// <summary>
/// Generated inputs for the fuzz tests (FsCheck generators): text assembled from fragments of the format under test and
/// the characters that have broken parsers before (noncharacters, lone surrogates, controls, emoji, RTL marks), and raw
/// bytes. A short run is part of the suite; <c>FUZZ_RUNS=N</c> makes the long one (docs/security.md).
/// </summary>
internal static class FuzzInputs
{
    /// <summary>Inputs per property: <c>FUZZ_RUNS</c>, else <paramref name="quick"/>.</summary>
    public static int Runs(int quick) =>
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_RUNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var runs) && runs > 0 ? runs : quick;

    private static readonly string[] OddCharacters =
    [
        "\u0000", "\u0001", "\u001B", "\t", "\r", "\n", "\u007F", "\u0085", "\u00A0", "\u200B", "\u200D", "\u202E", "\u2028", "\uFEFF",
        "\uFFFE", "\uFFFF", "\uFDD0", "\uD800", "\uDFFF", "\uD83D\uDC8A", "\U0001FFFE", "é", "ñ", "中", "ß", "İ", "ﬀ", "Ａ",
    ];

    public static Gen<string> TextFrom(params string[] fragments) =>
        Gen.ArrayOf(Gen.Frequency((3, Gen.Elements(fragments)), (2, Gen.Elements(OddCharacters)), (2, Gen.Elements("a", "b", "z", "0", "9", " ", "stop", "help")))).Select(string.Concat);

    public static Gen<byte[]> Bytes() => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b));

    /// <summary><paramref name="count"/> values of FsCheck's default size (50), made a thousand at a time.</summary>
    public static IEnumerable<T> Sample<T>(Gen<T> gen, int count)
    {
        for (var done = 0; done < count; done += 1000)
        {
            foreach (var value in Gen.Sample(gen, Math.Min(1000, count - done)))
            {
                yield return value;
            }
        }
    }

    /// <summary>UTF-8 of text that may hold lone surrogates (they become U+FFFD, as on the wire).</summary>
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
