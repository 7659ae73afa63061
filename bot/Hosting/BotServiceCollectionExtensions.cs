using HarmReduction.Bot.Answering;
using HarmReduction.Bot.Channels.Sms;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Semantic;
using HarmReduction.Bot.Semantic.Int8;
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

        services.AddOptions<PublicUrlOptions>().Configure<IConfiguration>((o, configuration) => o.PublicUrl = configuration["PublicUrl"])
            .Validate(o => o.IsValid, "PublicUrl must be an absolute http(s) URL with no path, e.g. https://chat.example.org.")
            .ValidateOnStart();
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
        services.AddOptions<SafetyOptions>().BindConfiguration(SafetyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SafetyMiddleware>();
        services.AddSingleton<SafetyStateReset>();
        services.AddSingleton(BuildMiddleware);
        services.AddSingleton<TurnPipeline>();
        return services;
    }

    /// <summary>
    /// The order matters: clean the text first; log every turn's outcome; then the safety check, on the text alone and
    /// before anything touches the state store, so an emergency reply never waits for it; honour SMS keywords and
    /// opt-outs before any state is loaded (a sender who opted out gets nothing, not even that reply); load state; pick
    /// the language; after an emergency, drop the conversation's open questions instead of running the bot.
    /// </summary>
    private static MiddlewareSet BuildMiddleware(IServiceProvider services) => new MiddlewareSet()
        .Use(services.GetRequiredService<MessageNormalizationMiddleware>())
        .Use(services.GetRequiredService<TurnLoggingMiddleware>())
        .Use(services.GetRequiredService<SafetyMiddleware>())
        .Use(services.GetRequiredService<SmsKeywordMiddleware>())
        .Use(services.GetRequiredService<ConversationStateMiddleware>())
        .Use(services.GetRequiredService<LocaleMiddleware>())
        .Use(services.GetRequiredService<SafetyStateReset>());

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

            var cachePath = string.IsNullOrWhiteSpace(options.CachePath)
                ? null
                : Path.GetFullPath(options.CachePath, sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppSettingsLocator.ContentRoot());
            ITextEncoder encoder = options.Quantized
                ? QuantizedMiniLmEncoder.Shared(cachePath is null ? null : Path.GetDirectoryName(cachePath), sp.GetRequiredService<ILogger<QuantizedMiniLmEncoder>>())
                : MiniLmEncoder.Shared;
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

        // Connected asynchronously: a synchronous connect inside this factory, on the request path, blocked a thread per
        // waiting request and starved the pool at a cold start (review M3). StorageWarmup waits for it before listening.
        // FailFast: while Redis is unreachable an operation fails at once instead of queueing for seconds, so the turn
        // takes its safe path (emergency reply, queued opt-out) without waiting.
        var configuration = ConfigurationOptions.Parse(options.Redis.Configuration!);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        var connecting = ConnectionMultiplexer.ConnectAsync(configuration).ContinueWith(
            t => (IConnectionMultiplexer)t.Result, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return new RedisStorage(connecting, options.Redis.KeyPrefix);
    }
}
