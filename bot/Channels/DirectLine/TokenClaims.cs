using System.Text.Json.Serialization;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>The signed part of a token: the conversation, the user and the expiry (Unix seconds), with JWT claim names.</summary>
internal sealed record TokenClaims(
    [property: JsonPropertyName("conv")] string Conversation,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("exp")] long Expires);

[JsonSerializable(typeof(TokenClaims))]
internal sealed partial class TokenJson : JsonSerializerContext;
