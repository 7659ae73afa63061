using Microsoft.AspNetCore.Http;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>Direct Line's error body, <c>{"error":{"code","message"}}</c>: codes are stable, messages are for people.</summary>
public sealed record ErrorResponse(ErrorResponse.Detail Error)
{
    public const string BadArgument = "BadArgument";
    public const string Unauthorized = "Unauthorized";
    public const string Forbidden = "Forbidden";
    public const string TokenExpired = "TokenExpired";
    public const string NotFound = "NotFound";
    public const string RequestTooLarge = "RequestTooLarge";
    public const string TooManyRequests = "TooManyRequests";
    public const string BotError = "BotError";
    public const string ServiceError = "ServiceError";

    public static IResult Result(int statusCode, string code, string message) =>
        Results.Json(new ErrorResponse(new Detail(code, message)), DirectLineJson.Options, statusCode: statusCode);

    public sealed record Detail(string Code, string Message);
}
