using System.Globalization;

namespace HarmReduction.Bot.Knowledge;

/// <summary>The served version in one line, the same on <c>/readyz</c> and the staff page.</summary>
public static class KnowledgeStatusText
{
    public static string Serving(KnowledgeProvider knowledge) => knowledge.Status.Serving is { } version
        ? string.Create(CultureInfo.InvariantCulture, $"{version.Entries} entries, version {version.Hash} loaded {version.LoadedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z")
        : $"{knowledge.Current.Knowledge.Entries.Count} entries";

    public static string Refused(RefusedReload refused) =>
        string.Create(CultureInfo.InvariantCulture, $"{refused.Summary} (at {refused.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z)");
}
