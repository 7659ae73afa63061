using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Answering;

/// <summary>
/// "is this anonymous", "is this free", "do u keep my number": a short message that addresses the bot itself ("this",
/// "you", "here") is about the service, but those words are stop words to a ranker, which then hears only "anonymous" or
/// "free" and may prefer, say, anonymous HIV testing. When a message addresses the bot and an entry about the service
/// scores close to the best, the service entry goes first.
/// </summary>
public static class ServiceAddressing
{
    private const int MaxWords = 8;
    private const double CloseEnough = 0.15;

    private static readonly HashSet<string> Addressing = new(StringComparer.Ordinal)
    {
        "this", "you", "u", "ur", "your", "yall", "yours", "here", "bot", "chat", "esto", "este", "esta", "tu", "usted", "ustedes", "aqui",
    };

    private static readonly HashSet<string> OtherSubjects = new(StringComparer.Ordinal)
    {
        "test", "testing", "tested", "clinic", "program", "exchange", "pharmacy", "doctor", "treatment", "strip", "strips", "prueba", "clinica", "programa",
    };

    public static IReadOnlyList<KnowledgeMatch> Prefer(string text, IReadOnlyList<KnowledgeMatch> ranked)
    {
        if (ranked.Count < 2 || ranked[0].Entry.IsAboutService)
        {
            return ranked;
        }

        var tokens = TextNormalizer.Tokens(text);
        if (tokens.Count > MaxWords || !tokens.Any(Addressing.Contains) || tokens.Any(OtherSubjects.Contains))
        {
            return ranked;
        }

        var service = ranked.FirstOrDefault(m => m.Entry.IsAboutService && ranked[0].Score - m.Score <= CloseEnough);
        return service is null ? ranked : [service with { Score = ranked[0].Score }, .. ranked.Where(m => m != service)];
    }
}
