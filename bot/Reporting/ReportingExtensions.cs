namespace HarmReduction.Bot.Reporting;

public static class ReportingExtensions
{
    /// <summary>
    /// The server's side of the gaps report: count every turn (counts only) and add them to the state store. The CLI's
    /// <c>ask</c> and <c>eval</c> never count: what staff try is not traffic.
    /// </summary>
    public static IServiceCollection AddGapsReport(this IServiceCollection services)
    {
        services.AddUsageStore();
        services.AddSingleton<UnknownWords>();
        services.AddSingleton<UsageCounter>();
        services.AddHostedService<UsageFlusher>();
        return services;
    }

    /// <summary>Reading the counts (the <c>report</c> and <c>review</c> commands, the staff page).</summary>
    public static IServiceCollection AddUsageStore(this IServiceCollection services)
    {
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UsageStore>();
        return services;
    }
}
