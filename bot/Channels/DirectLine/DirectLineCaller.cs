using Microsoft.AspNetCore.Http;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// Who is calling, from <c>Authorization: Bearer</c>: the holder of the secret (any conversation) or of a token (one
/// conversation, one user).
/// </summary>
public sealed record DirectLineCaller(TokenCheck? Token, string Bearer)
{
    public bool IsSecret => Token is null;

    public bool MayUse(string conversationId) => Token is null || string.Equals(Token.ConversationId, conversationId, StringComparison.Ordinal);

    /// <summary>The caller, or the error to answer with: 401 without a bearer, 403 for a bad or expired one.</summary>
    public static (DirectLineCaller? Caller, IResult? Error) Authenticate(HttpRequest request, DirectLineTokens tokens)
    {
        if (ReadBearer(request) is not { } bearer)
        {
            return (null, ErrorResponse.Result(StatusCodes.Status401Unauthorized, ErrorResponse.Unauthorized, "Send Authorization: Bearer with a Direct Line token or secret."));
        }

        if (tokens.IsSecret(bearer))
        {
            return (new DirectLineCaller(null, bearer), null);
        }

        var check = tokens.Check(bearer);
        return check.Status switch
        {
            TokenStatus.Valid => (new DirectLineCaller(check, bearer), null),
            _ => (null, Refusal(check)),
        };
    }

    public static IResult Refusal(TokenCheck check) => check.Status == TokenStatus.Expired
        ? ErrorResponse.Result(StatusCodes.Status403Forbidden, ErrorResponse.TokenExpired, "The token has expired; start a new conversation.")
        : ErrorResponse.Result(StatusCodes.Status403Forbidden, ErrorResponse.Forbidden, "The token is not valid.");

    public static IResult WrongConversation() =>
        ErrorResponse.Result(StatusCodes.Status403Forbidden, ErrorResponse.Forbidden, "The token is for another conversation.");

    private static string? ReadBearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var value = header[scheme.Length..].Trim();
        return value.Length == 0 ? null : value;
    }
}
