using System.Text.Json;

namespace HarmReduction.Bot.Conversation.Dialogs;

public sealed class WaterfallStepContext
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WaterfallDialog _dialog;
    private readonly DialogInstance _instance;
    private readonly WaterfallState _state;
    private bool _nextCalled;

    internal WaterfallStepContext(WaterfallDialog dialog, DialogContext dc, DialogInstance instance, WaterfallState state, int index, DialogReason reason, object? result)
    {
        _dialog = dialog;
        DialogContext = dc;
        _instance = instance;
        _state = state;
        Index = index;
        Reason = reason;
        Result = result;
    }

    public DialogContext DialogContext { get; }

    public TurnContext Context => DialogContext.Context;

    public int Index { get; }

    public DialogReason Reason { get; }

    /// <summary>What the previous step returned, or what the prompt it started recognised.</summary>
    public object? Result { get; }

    public T? GetOptions<T>() => _state.Options is { } options ? options.Deserialize<T>(Json) : default;

    public T? GetValue<T>(string name) => _state.Values.TryGetValue(name, out var value) ? value.Deserialize<T>(Json) : default;

    public void SetValue<T>(string name, T value)
    {
        _state.Values[name] = JsonSerializer.SerializeToElement(value, Json);
        _instance.SetState(_state);
    }

    /// <summary>Skips to the next step now, handing it <paramref name="result"/>.</summary>
    public Task<DialogTurnResult> NextAsync(object? result, CancellationToken cancellationToken)
    {
        if (_nextCalled)
        {
            throw new InvalidOperationException($"NextAsync was already called in step {Index}.");
        }

        _nextCalled = true;
        return _dialog.RunStepAsync(DialogContext, _instance, Index + 1, DialogReason.NextCalled, result, cancellationToken);
    }

    public Task<DialogTurnResult> PromptAsync(string dialogId, PromptOptions options, CancellationToken cancellationToken) =>
        DialogContext.PromptAsync(dialogId, options, cancellationToken);

    public Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options, CancellationToken cancellationToken) =>
        DialogContext.BeginDialogAsync(dialogId, options, cancellationToken);

    public Task<DialogTurnResult> EndDialogAsync(object? result, CancellationToken cancellationToken) =>
        DialogContext.EndDialogAsync(result, cancellationToken);
}
