using System.Text.Json;
using System.Text.Json.Serialization;

namespace HarmReduction.Bot.Activities;

/// <summary>The one JSON shape of activities on every wire: camelCase, nulls omitted, ISO-8601 timestamps.</summary>
public static class ActivityJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(Activity activity) => JsonSerializer.Serialize(activity, Options);

    public static Activity Deserialize(string json) =>
        JsonSerializer.Deserialize<Activity>(json, Options) ?? throw new JsonException("The activity JSON was null.");
}
