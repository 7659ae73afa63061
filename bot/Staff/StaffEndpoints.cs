using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Reporting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Staff;

/// <summary>
/// <c>/staff</c>: the staff page, off unless <c>Staff:Token</c> is set, and its data under <c>/staff/api</c>, all behind
/// the token and a per-address rate limit: the gaps report, the knowledge version served (and a refused reload), the
/// review queue, and a test pane that answers a question on the live knowledge without a conversation.
/// </summary>
public static class StaffEndpoints
{
    private const int MaxAskLength = 2000;
    private const int MaxAskBytes = 16 * 1024;

    public static IServiceCollection AddStaffPage(this IServiceCollection services)
    {
        services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.Section).ValidateDataAnnotations()
            .Validate(o => !o.Enabled || o.Token.Length >= StaffOptions.MinTokenLength, $"Staff:Token must be at least {StaffOptions.MinTokenLength} characters (e.g. openssl rand -base64 24), or empty to turn the staff page off.")
            .ValidateOnStart();
        services.AddUsageStore();
        services.AddSingleton<StaffTryout>();
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, StaffRateLimit>(StaffRateLimit.PolicyName));
        return services;
    }

    /// <summary>Maps <c>/staff</c>. Needs the rate-limiting middleware (<c>UseRateLimiter</c>, which the web chat adds) before it.</summary>
    public static IEndpointRouteBuilder MapStaffPage(this IEndpointRouteBuilder endpoints)
    {
        var staff = endpoints.MapGroup("/staff").RequireRateLimiting(StaffRateLimit.PolicyName);
        var assets = StaffPage.Load();
        var page = staff.MapGroup(string.Empty).AddEndpointFilter(StaffAccess.RequireEnabled);
        page.MapGet(string.Empty, () => StaffPage.Serve(assets["staff.html"]));
        foreach (var name in assets.Keys.Where(n => n != "staff.html"))
        {
            page.MapGet("/" + name, () => StaffPage.Serve(assets[name]));
        }

        var api = staff.MapGroup("/api").AddEndpointFilter(StaffAccess.RequireToken);
        api.MapGet("/status", Status);
        api.MapGet("/report", ReportAsync);
        api.MapGet("/review", ReviewAsync);
        api.MapPost("/ask", AskAsync);
        return endpoints;
    }

    /// <summary>The knowledge version served and a refused reload, as on <c>/readyz</c>.</summary>
    private static IResult Status(KnowledgeProvider knowledge)
    {
        var serving = knowledge.Status.Serving;
        var refused = knowledge.Status.Refused;
        return Results.Json(new StaffStatus(
            refused is null ? "Healthy" : "Degraded",
            KnowledgeStatusText.Serving(knowledge),
            serving?.Hash,
            serving?.LoadedAt,
            serving?.Entries ?? knowledge.Current.Knowledge.Entries.Count,
            refused is null ? null : KnowledgeStatusText.Refused(refused),
            refused?.Errors.Select(e => e.ToString()).ToList() ?? []));
    }

    /// <summary>The gaps report as <c>report</c> prints it (<c>format=text</c>) or its CSV (<c>format=csv</c>); counts only.</summary>
    private static async Task<IResult> ReportAsync(HttpContext http, KnowledgeProvider knowledge, UsageStore store, IOptions<ReportOptions> options, int? days, string? format, CancellationToken cancellationToken)
    {
        if (format is not (null or "text" or "csv"))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "format is text or csv.");
        }

        // This instance's counts not yet added to the store are added first, so the page shows them.
        if (http.RequestServices.GetService<UsageCounter>() is { } counter)
        {
            await counter.FlushAsync(cancellationToken);
        }

        var report = await GapsReport.BuildAsync(store, knowledge.Current.Knowledge, options.Value, days ?? 30, cancellationToken, http.RequestServices.GetService<UnknownWords>());
        return format == "csv" ? Results.Text(report.ToCsv(), "text/csv; charset=utf-8") : Results.Text(report.ToText(), "text/plain; charset=utf-8");
    }

    /// <summary>The review queue as <c>review --due --within N</c> prints it (<c>all=true</c>: every entry), with the last 30 days' use.</summary>
    private static async Task<IResult> ReviewAsync(HttpContext http, KnowledgeProvider knowledge, UsageStore store, IOptions<ReportOptions> options, int? within, bool? all, CancellationToken cancellationToken)
    {
        if (http.RequestServices.GetService<UsageCounter>() is { } counter)
        {
            await counter.FlushAsync(cancellationToken);
        }

        var current = knowledge.Current.Knowledge;
        var usage = await GapsReport.BuildAsync(store, current, options.Value, ReviewQueue.UsageDays, cancellationToken);
        var queue = ReviewQueue.Build(current, store.Today, usage);
        var days = Math.Clamp(within ?? 30, 0, 3650);
        return Results.Text(all == true ? queue.ToText(queue.Items, null) : queue.ToText(queue.Due(days), days), "text/plain; charset=utf-8");
    }

    /// <summary>The test pane: the reply and its explanation. No conversation is created, nothing is counted or kept.</summary>
    private static async Task<IResult> AskAsync(HttpContext http, StaffTryout tryout, CancellationToken cancellationToken)
    {
        // Read here rather than bound, so the token is checked before the body is looked at.
        TryoutRequest? request = null;
        if (http.Request.ContentLength is null or <= MaxAskBytes && http.Request.HasJsonContentType())
        {
            try
            {
                request = await http.Request.ReadFromJsonAsync<TryoutRequest>(cancellationToken);
            }
            catch (System.Text.Json.JsonException)
            {
            }
        }

        var channel = request?.Channel ?? "sms";
        if (string.IsNullOrWhiteSpace(request?.Text) || request.Text.Length > MaxAskLength || channel is not ("sms" or "web"))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"A JSON body {{\"text\", \"channel\"}}: text up to {MaxAskLength} characters, channel sms or web.");
        }

        return Results.Json(await tryout.AskAsync(request.Text, channel, cancellationToken));
    }

    private sealed record TryoutRequest(string? Text, string? Channel);

    private sealed record StaffStatus(string Status, string Serving, string? Version, DateTimeOffset? LoadedAt, int Entries, string? Refused, IReadOnlyList<string> RefusedErrors);
}
