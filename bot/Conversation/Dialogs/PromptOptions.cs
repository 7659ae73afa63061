namespace HarmReduction.Bot.Conversation.Dialogs;

public sealed record Choice(string Value, IReadOnlyList<string>? Synonyms = null);

public sealed record PromptOptions
{
    public required string Prompt { get; init; }

    public string? RetryPrompt { get; init; }

    public IReadOnlyList<Choice> Choices { get; init; } = [];

    /// <summary>How many times to ask again after an answer that matches no choice; then the prompt ends with <see cref="PromptNoMatch"/>.</summary>
    public int MaxRetries { get; init; } = 1;
}

public sealed record FoundChoice(int Index, string Value);

/// <summary>The prompt gave up: the last message matched no choice. The parent decides what the message was.</summary>
public sealed record PromptNoMatch(string Text);
