using HarmReduction.Bot.Answering;
using HarmReduction.Bot.Channels.Sms;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Semantic;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HarmReduction.Bot.Hosting;

public static class BotServiceCollectionExtensions
{
    /// <summary>The engine every channel shares: knowledge, state, middleware and the bot. Used by the server and the CLI alike.</summary>
    public static IServiceCollection AddHarmReductionBot(this IServiceCollection services)
    {
        services.AddOptions<StateOptions>().BindConfiguration(StateOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Provider != StateProvider.Redis || !string.IsNullOrWhiteSpace(o.Redis.Configuration), "State:Redis:Configuration is required when State:Provider is Redis.")
            .ValidateOnStart();
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.Section);
        services.AddOptions<ResourcesOptions>().BindConfiguration(ResourcesOptions.Section);
        services.AddOptions<ChannelOptions>().BindConfiguration(ChannelOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IStorage>(CreateStorage);
        services.AddSingleton<ConversationState>();
        services.AddSingleton(sp => new KnowledgeLoader(sp.GetRequiredService<IOptions<ResourcesOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSemanticLayer();
        services.AddSingleton<KnowledgeProvider>();
        services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<ResourcesOptions>>().Value;
            var knowledge = sp.GetRequiredService<KnowledgeProvider>();
            return new AnswerComposer(() => knowledge.Status.Serving?.Resources ?? configured);
        });
        services.AddOptions<AnsweringOptions>().BindConfiguration(AnsweringOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new ConfidenceBands(sp.GetRequiredService<IOptions<AnsweringOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var answering = sp.GetRequiredService<IOptions<AnsweringOptions>>().Value;
            return new Knowledge.Matching.RankingWeights(answering.QuestionWeight, answering.LabelWeight, answering.AnswerTextWeight);
        });
        services.AddSingleton<IBot, HarmReductionBot>();

        services.AddSingleton<MessageNormalizationMiddleware>();
        services.AddSingleton<TurnLoggingMiddleware>();
        services.AddSmsKeywords();
        services.AddSingleton<ConversationStateMiddleware>();
        services.AddSingleton<LocaleMiddleware>();
        services.AddSingleton<SafetyMiddleware>();
        services.AddSingleton(BuildMiddleware);
        services.AddSingleton<TurnPipeline>();
        return services;
    }

    /// <summary>
    /// The order matters: clean the text first; log every turn's outcome; honour SMS keywords and opt-outs before any
    /// state is loaded; load state; pick the language; then the safety check, before the bot and before any dialog can
    /// claim the message.
    /// </summary>
    private static MiddlewareSet BuildMiddleware(IServiceProvider services) => new MiddlewareSet()
        .Use(services.GetRequiredService<MessageNormalizationMiddleware>())
        .Use(services.GetRequiredService<TurnLoggingMiddleware>())
        .Use(services.GetRequiredService<SmsKeywordMiddleware>())
        .Use(services.GetRequiredService<ConversationStateMiddleware>())
        .Use(services.GetRequiredService<LocaleMiddleware>())
        .Use(services.GetRequiredService<SafetyMiddleware>());

    private static IServiceCollection AddSemanticLayer(this IServiceCollection services)
    {
        services.AddOptions<SemanticOptions>().BindConfiguration(SemanticOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Knowledge.Matching.FusionOptions>().BindConfiguration("Answering:Fusion");
        services.AddOptions<SafetyNetOptions>().BindConfiguration("Semantic:SafetyNet");
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SemanticOptions>>().Value;
            if (!options.Enabled)
            {
                return SemanticLayer.Off;
            }

            var encoder = MiniLmEncoder.Shared;
            var cachePath = string.IsNullOrWhiteSpace(options.CachePath)
                ? null
                : Path.GetFullPath(options.CachePath, sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppSettingsLocator.ContentRoot());
            var cache = new VectorCacheFile(cachePath, encoder.Dimensions, options.CacheCapacity, sp.GetRequiredService<ILogger<VectorCacheFile>>());
            return new SemanticLayer(
                new KnowledgeVectors(encoder, cache),
                new MessageEncoder(encoder, options.MessageCacheSize),
                sp.GetRequiredService<IOptions<Knowledge.Matching.FusionOptions>>().Value,
                sp.GetRequiredService<IOptions<SafetyNetOptions>>().Value);
        });
        return services;
    }

    private static IStorage CreateStorage(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StateOptions>>().Value;
        if (options.Provider == StateProvider.Memory)
        {
            return new MemoryStorage(services.GetRequiredService<TimeProvider>());
        }

        var configuration = ConfigurationOptions.Parse(options.Redis.Configuration!);
        configuration.AbortOnConnectFail = false;
        return new RedisStorage(ConnectionMultiplexer.Connect(configuration), options.Redis.KeyPrefix);
    }
}
