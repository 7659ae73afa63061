using System.Text.Json;
using System.Text.Json.Serialization;

namespace HarmReduction.Bot.Activities;

/// <summary>An activity entity: a <c>type</c> plus whatever properties that type carries.</summary>
public sealed record Entity
{
    public string? Type { get; init; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; init; }
}
