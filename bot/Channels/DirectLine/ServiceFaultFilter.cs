using Microsoft.AspNetCore.Http;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// A fault outside the bot (the state store unreachable, say) still answers in Direct Line's error shape, as a 500
/// "ServiceError" the clients know to retry, and is logged by exception type only: its message could quote what was said.
/// Once a response has started (a WebSocket stream) there is nothing left to shape, and the fault goes on up.
/// </summary>
internal sealed partial class ServiceFaultFilter(ILogger<ServiceFaultFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !context.HttpContext.Response.HasStarted)
        {
            LogFault(logger, context.HttpContext.Request.Method, ex.GetType().FullName, ex.StackTrace);
            return ErrorResponse.Result(StatusCodes.Status500InternalServerError, ErrorResponse.ServiceError, "The service could not handle this request; try again.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Direct Line {Method} failed with {ExceptionType} at {StackTrace}")]
    private static partial void LogFault(ILogger logger, string method, string? exceptionType, string? stackTrace);
}
