using System.Text.Json;
using System.Text.Json.Serialization;

namespace HarmReduction.Bot.Activities;

public sealed record CardAction
{
    public required string Type { get; init; }
    public string? Title { get; init; }
    public string? Image { get; init; }
    public string? ImageAltText { get; init; }
    public string? Text { get; init; }
    public string? DisplayText { get; init; }
    public JsonElement? Value { get; init; }
    public JsonElement? ChannelData { get; init; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; init; }

    /// <summary>An imBack button whose title and value are the same text (what Web Chat posts back).</summary>
    public static CardAction ImBack(string title) =>
        new() { Type = ActionTypes.ImBack, Title = title, Value = JsonSerializer.SerializeToElement(title) };

    public string? ValueAsString => Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
}
