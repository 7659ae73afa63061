using System.Text.Json;

namespace HarmReduction.Bot.Conversation.Dialogs;

/// <summary>One entry on the dialog stack: which dialog, and its own typed state stored as JSON.</summary>
public sealed class DialogInstance
{
    public required string Id { get; set; }

    public JsonElement? State { get; set; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public T GetState<T>()
        where T : new() =>
        State is { } state ? state.Deserialize<T>(Json) ?? new T() : new T();

    public void SetState<T>(T state) => State = JsonSerializer.SerializeToElement(state, Json);
}
