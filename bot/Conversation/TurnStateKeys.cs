namespace HarmReduction.Bot.Conversation;

/// <summary>Names of what the steps of a turn leave in <see cref="TurnContext.TurnState"/> for later steps and for explanations.</summary>
public static class TurnStateKeys
{
    /// <summary>The safety check's <c>SafetyAssessment</c>.</summary>
    public const string Safety = "safety.assessment";

    /// <summary>The ranked candidates (<c>KnowledgeMatch</c> list) the answer was chosen from.</summary>
    public const string Ranked = "answering.ranked";

    /// <summary>The <c>RankedDecision</c> the confidence bands made.</summary>
    public const string Decision = "answering.decision";

    /// <summary>The language the entries were searched in (English when the person's own had nothing).</summary>
    public const string SearchLanguage = "answering.language";

    /// <summary>The second <c>KnowledgeMatch</c> answered when a message asked two things.</summary>
    public const string AlsoAnswered = "answering.also";
}
