namespace HarmReduction.Bot.Conversation.Dialogs;

/// <summary>Asks the person to pick one of several choices: by number, by the option's text, or a close misspelling of it.</summary>
public sealed class ChoicePrompt(string id) : Dialog(id)
{
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var promptOptions = options as PromptOptions ?? throw new ArgumentException("ChoicePrompt needs PromptOptions.", nameof(options));
        if (promptOptions.Choices.Count == 0)
        {
            throw new ArgumentException("ChoicePrompt needs at least one choice.", nameof(options));
        }

        dc.ActiveDialog!.SetState(new ChoicePromptState { Options = promptOptions });
        await SendAsync(dc.Context, promptOptions.Prompt, promptOptions.Choices, cancellationToken);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var activity = dc.Context.Activity;
        if (!activity.IsMessage)
        {
            return EndOfTurn;
        }

        var instance = dc.ActiveDialog!;
        var state = instance.GetState<ChoicePromptState>();
        var options = state.Options ?? throw new InvalidOperationException("ChoicePrompt state lost its options.");
        var text = activity.Text ?? string.Empty;
        if (ChoiceRecognizer.Recognize(text, options.Choices) is { } found)
        {
            return await dc.EndDialogAsync(found, cancellationToken);
        }

        state.Attempts++;
        if (state.Attempts > options.MaxRetries)
        {
            return await dc.EndDialogAsync(new PromptNoMatch(text), cancellationToken);
        }

        instance.SetState(state);
        await SendAsync(dc.Context, options.RetryPrompt ?? options.Prompt, options.Choices, cancellationToken);
        return EndOfTurn;
    }

    public override Task RepromptDialogAsync(TurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
    {
        var options = instance.GetState<ChoicePromptState>().Options;
        return options is null ? Task.CompletedTask : SendAsync(turnContext, options.Prompt, options.Choices, cancellationToken);
    }

    private static Task SendAsync(TurnContext turnContext, string prompt, IReadOnlyList<Choice> choices, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync(ChoiceFormatter.Format(prompt, choices.Select(c => c.Value).ToList(), turnContext.Channel), cancellationToken);
}

public sealed class ChoicePromptState
{
    public PromptOptions? Options { get; set; }

    public int Attempts { get; set; }
}
