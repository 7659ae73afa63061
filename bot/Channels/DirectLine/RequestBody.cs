using Microsoft.AspNetCore.Http;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>Reads a request body up to a limit, whether or not the client declared its length.</summary>
public static class RequestBody
{
    /// <summary>Largest activity or request body accepted (413 above).</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The body, or null when it is over <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static IResult TooLarge(int maxBytes = MaxBytes) => ErrorResponse.Result(
        StatusCodes.Status413PayloadTooLarge, ErrorResponse.RequestTooLarge, $"The body is over {maxBytes / 1024} KB.");
}
