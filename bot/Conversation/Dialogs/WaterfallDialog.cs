using System.Text.Json;

namespace HarmReduction.Bot.Conversation.Dialogs;

public delegate Task<DialogTurnResult> WaterfallStep(WaterfallStepContext step, CancellationToken cancellationToken);

/// <summary>A fixed sequence of steps; each step's result (or the answer to its prompt) is handed to the next.</summary>
public sealed class WaterfallDialog(string id, IEnumerable<WaterfallStep> steps) : Dialog(id)
{
    private readonly IReadOnlyList<WaterfallStep> _steps = steps.ToList();

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var instance = dc.ActiveDialog!;
        instance.SetState(new WaterfallState
        {
            StepIndex = -1,
            Options = options is null ? null : JsonSerializer.SerializeToElement(options, options.GetType(), WaterfallStepContext.Json),
        });
        return RunStepAsync(dc, instance, 0, DialogReason.BeginCalled, null, cancellationToken);
    }

    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken) =>
        dc.Context.Activity.IsMessage
            ? ResumeDialogAsync(dc, DialogReason.ContinueCalled, dc.Context.Activity.Text, cancellationToken)
            : Task.FromResult(EndOfTurn);

    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        var instance = dc.ActiveDialog!;
        return RunStepAsync(dc, instance, instance.GetState<WaterfallState>().StepIndex + 1, reason, result, cancellationToken);
    }

    internal Task<DialogTurnResult> RunStepAsync(DialogContext dc, DialogInstance instance, int index, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        if (index >= _steps.Count)
        {
            return dc.EndDialogAsync(result, cancellationToken);
        }

        var state = instance.GetState<WaterfallState>();
        state.StepIndex = index;
        instance.SetState(state);
        var step = new WaterfallStepContext(this, dc, instance, state, index, reason, result);
        return _steps[index](step, cancellationToken);
    }
}

public sealed class WaterfallState
{
    public int StepIndex { get; set; }

    public JsonElement? Options { get; set; }

    public Dictionary<string, JsonElement> Values { get; set; } = new(StringComparer.Ordinal);
}
