using System.Text.Encodings.Web;
using System.Text.Json;
using HarmReduction.Bot.Activities;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// Activity JSON as Direct Line sends it. Only JSON parsers read it (never an HTML page), so apostrophes and accented
/// letters go out as themselves rather than as six-byte escapes: fewer bytes on a slow phone.
/// </summary>
public static class DirectLineJson
{
    public static readonly JsonSerializerOptions Options = new(ActivityJson.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
