namespace HarmReduction.Bot.Knowledge;

/// <summary>
/// One line of safety.yaml for the ways a sign is said: "labios (azules|morados|grises)" is "labios azules", "labios
/// morados" and "labios grises"; an empty choice leaves words out ("no (se |)esta despertando"). Spanish conjugates
/// and agrees where English does not, and a list that names each form by hand always misses one.
/// </summary>
internal static class PhraseAlternatives
{
    /// <summary>More than this many phrases from one line is almost certainly a mistake, and it slows every message.</summary>
    public const int MaxPerLine = 96;

    /// <returns>The phrases the line stands for, or an error that says what is wrong with it.</returns>
    public static (IReadOnlyList<string> Phrases, string? Error) Expand(string line)
    {
        var phrases = new List<string> { string.Empty };
        var at = 0;
        while (at < line.Length)
        {
            var open = line.IndexOf('(', at);
            var literal = open < 0 ? line[at..] : line[at..open];
            if (literal.IndexOfAny([')', '|']) >= 0)
            {
                return ([], $"'{line}' has a ')' or '|' outside a group; write choices as (a|b)");
            }

            phrases = phrases.Select(p => p + literal).ToList();
            if (open < 0)
            {
                break;
            }

            var close = line.IndexOf(')', open);
            if (close < 0)
            {
                return ([], $"'{line}' opens a group with '(' that is never closed");
            }

            var group = line[(open + 1)..close];
            if (group.Contains('('))
            {
                return ([], $"'{line}' has a group inside a group; write the choices out in one group");
            }

            var choices = group.Split('|');
            if (choices.Length < 2)
            {
                return ([], $"'{line}' has a group without a choice; write choices as (a|b)");
            }

            phrases = phrases.SelectMany(p => choices.Select(c => p + c)).ToList();
            if (phrases.Count > MaxPerLine)
            {
                return ([], $"'{line}' stands for more than {MaxPerLine} phrases; split it into several lines");
            }

            at = close + 1;
        }

        return (phrases, null);
    }
}
