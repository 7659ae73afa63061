using System.Text;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Privacy;

public static partial class PrivacyServiceCollectionExtensions
{
    /// <summary>The <see cref="Pseudonymizer"/> under <c>Privacy:HashKey</c>, or under a random per-process key (with a warning) when none is set.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section)
            .Validate(o => !o.HasHashKey || o.HashKey!.Length >= 32, "Privacy:HashKey must be at least 32 characters (try `openssl rand -base64 32`).")
            .ValidateOnStart();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PrivacyOptions>>().Value;
            if (options.HasHashKey)
            {
                return new Pseudonymizer(Encoding.UTF8.GetBytes(options.HashKey!));
            }

            LogRandomKey(sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Pseudonymizer)));
            return Pseudonymizer.WithRandomKey();
        });
        return services;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Privacy:HashKey is not set: using a random key for this process. Pseudonyms (SMS conversations, opt-outs) will not survive a restart and differ between instances; set Privacy:HashKey to keep them.")]
    private static partial void LogRandomKey(ILogger logger);
}
