using System.Text.Json.Serialization;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>The Conversation object of Direct Line: what token calls, start and reconnect return (no stream URL from token calls).</summary>
public sealed record ConversationResponse(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string? StreamUrl = null);
