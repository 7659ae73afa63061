using System.Text.Json;
using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// <c>POST /v3/directline/conversations/{id}/upload</c>: what Web Chat sends when someone attaches a photo or a file
/// (multipart: an <c>activity</c> part, then the files). This service keeps no pictures: each file is read past and
/// dropped unread, never stored or looked at. The message that came with it is answered as usual, its attachments cut
/// down to their content type, so the bot can say it cannot see them and the typed question is not lost.
/// </summary>
public static class DirectLineUpload
{
    public static async Task<IResult> UploadAsync(
        string conversationId, HttpRequest request, DirectLineTokens tokens, DirectLineTurns turns, PostRateLimit rateLimit, IOptions<PublicUrlOptions> publicUrl, CancellationToken cancellationToken)
    {
        var (caller, error) = DirectLineCaller.Authenticate(request, tokens);
        if (error is not null)
        {
            return error;
        }

        if (!caller!.MayUse(conversationId))
        {
            return DirectLineCaller.WrongConversation();
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return ErrorResponse.Result(StatusCodes.Status400BadRequest, ErrorResponse.BadArgument, "An upload is multipart/form-data.");
        }

        Activity? message = null;
        var files = new List<string>();
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (message is null && section.GetContentDispositionHeader()?.Name.Value == "activity")
                {
                    var json = await ReadAsync(section.Body, RequestBody.MaxBytes, cancellationToken);
                    if (json is null)
                    {
                        return RequestBody.TooLarge();
                    }

                    message = JsonSerializer.Deserialize<Activity>(json, DirectLineJson.Options);
                    continue;
                }

                files.Add(section.ContentType ?? "application/octet-stream");
                await section.Body.CopyToAsync(Stream.Null, cancellationToken);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return ErrorResponse.Result(StatusCodes.Status400BadRequest, ErrorResponse.BadArgument, "The upload is not a Direct Line activity with files.");
        }

        message ??= new Activity { Type = ActivityTypes.Message };
        message.Type = ActivityTypes.Message;
        var kept = (message.Attachments ?? []).Select(a => a.ContentType).Concat(files).Take(10)
            .Select(type => new Attachment { ContentType = type is { Length: <= 100 } ? type : "application/octet-stream" })
            .ToList();
        message.Attachments = kept.Count > 0 ? kept : [new Attachment { ContentType = "application/octet-stream" }];

        if (!rateLimit.TryAcquire(conversationId))
        {
            request.HttpContext.Response.Headers.RetryAfter = "10";
            return ErrorResponse.Result(StatusCodes.Status429TooManyRequests, ErrorResponse.TooManyRequests, "Too many messages in this conversation; wait a moment.");
        }

        var outcome = await turns.PostAsync(conversationId, caller, message, DirectLineEndpoints.ServiceUrl(request, publicUrl.Value));
        return outcome.Status switch
        {
            PostStatus.Posted => Results.Json(new ResourceResponse(outcome.ActivityId!), DirectLineJson.Options),
            PostStatus.ConversationFull => ErrorResponse.Result(StatusCodes.Status429TooManyRequests, ErrorResponse.TooManyRequests, "This conversation is full; start a new one."),
            _ => ErrorResponse.Result(StatusCodes.Status404NotFound, ErrorResponse.NotFound, "No such conversation; it may have expired."),
        };
    }

    private static async Task<byte[]?> ReadAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
