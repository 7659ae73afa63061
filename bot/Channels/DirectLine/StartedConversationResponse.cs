using System.Text.Json.Serialization;
using HarmReduction.Bot.Activities;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// The built-in page's token with its conversation already started: the Conversation object plus the greeting and the
/// watermark after it, so the page shows the greeting without waiting for the stream.
/// </summary>
public sealed record StartedConversationResponse(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string StreamUrl,
    string Watermark,
    IReadOnlyList<Activity> Activities);
