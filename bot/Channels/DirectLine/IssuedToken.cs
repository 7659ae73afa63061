namespace HarmReduction.Bot.Channels.DirectLine;

public sealed record IssuedToken(string Token, string ConversationId, string UserId, int ExpiresIn);
