using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Answering;

/// <summary>
/// "im in ohio", "vivo en texas": a person telling where they are, usually right after asking where to find something.
/// It is not a new question. Only US states and a few large cities are recognised, on purpose: the bot cannot look
/// places up, so all it needs is to tell a place from a question.
/// </summary>
public static class LocationStatement
{
    private static readonly HashSet<string> Places = new(StringComparer.Ordinal)
    {
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida", "georgia", "hawaii",
        "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan",
        "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey", "new mexico", "new york",
        "north carolina", "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota",
        "tennessee", "texas", "utah", "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming", "dc", "washington dc",
        "puerto rico", "nyc", "new york city", "la", "los angeles", "chicago", "houston", "phoenix", "philly", "philadelphia", "san antonio",
        "san diego", "dallas", "austin", "san francisco", "sf", "seattle", "denver", "boston", "detroit", "baltimore", "atlanta", "miami",
        "portland", "las vegas", "vegas", "pittsburgh", "cleveland", "columbus", "cincinnati", "st louis", "kansas city", "nashville",
        "memphis", "louisville", "milwaukee", "minneapolis", "albuquerque", "tucson", "sacramento", "oakland", "new orleans", "newark",
        "the bronx", "bronx", "brooklyn", "queens", "harlem", "nueva york", "tejas", "nuevo mexico", "carolina del norte", "carolina del sur",
        "pensilvania", "luisiana", "misuri", "florida", "california", "arizona", "illinois", "nueva jersey",
    };

    private static readonly string[][] Lead =
    [
        ["im", "in"], ["i", "am", "in"], ["i", "live", "in"], ["im", "from"], ["i", "am", "from"], ["we", "are", "in"], ["were", "in"], ["in"],
        ["estoy", "en"], ["vivo", "en"], ["soy", "de"], ["estamos", "en"], ["en"],
    ];

    public static bool Is(string text)
    {
        var tokens = TextNormalizer.Tokens(text);
        if (tokens.Count is 0 or > 7)
        {
            return false;
        }

        foreach (var lead in Lead.Append([]))
        {
            if (tokens.Count > lead.Length && tokens.Take(lead.Length).SequenceEqual(lead) && IsPlace(tokens.Skip(lead.Length)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The place, optionally followed by a state or a word like "area" ("cleveland ohio", "philly area").</summary>
    private static bool IsPlace(IEnumerable<string> words)
    {
        var rest = words.Where(w => w is not ("area" or "rn" or "now" or "right" or "the" or "city" or "state" or "ahorita" or "ahora")).ToList();
        for (var split = rest.Count; split > 0; split--)
        {
            if (Places.Contains(string.Join(' ', rest.Take(split))) && (split == rest.Count || Places.Contains(string.Join(' ', rest.Skip(split)))))
            {
                return true;
            }
        }

        return false;
    }
}
