using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Knowledge;

namespace HarmReduction.Bot.Hosting;

/// <summary>
/// Before the server listens: waits for the state store's first connection (bounded, so a store that is down does not
/// stop the service from answering emergencies), runs each storage script once, and answers a question and an
/// emergency through the whole engine (on a throwaway conversation, deleted after), so the first burst of messages after
/// a start finds everything connected, loaded and compiled. <c>/readyz</c> stays unready until this is done.
/// </summary>
public sealed partial class StorageWarmup(IStorage storage, IServiceProvider services, ILogger<StorageWarmup> logger) : IHostedService
{
    public static readonly TimeSpan ConnectWait = TimeSpan.FromSeconds(10);

    private volatile bool _done;

    public bool IsDone => _done;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (storage is RedisStorage redis)
            {
                await redis.Connecting.WaitAsync(ConnectWait, cancellationToken);
            }

            var key = $"warmup/{Guid.NewGuid():N}";
            await storage.ReadAsync(key, cancellationToken);
            await storage.WriteAsync(key, "w"u8.ToArray(), expectedETag: null, TimeSpan.FromSeconds(5), cancellationToken);
            await storage.DeleteAsync(key, cancellationToken);
            await storage.CreateLogAsync(key, "w"u8.ToArray(), TimeSpan.FromSeconds(5), cancellationToken);
            await storage.AppendLogAsync(key, ["w"u8.ToArray()], 1, TimeSpan.FromSeconds(5), cancellationToken);
            await storage.ReadLogAsync(key, 0, cancellationToken);
            await storage.DeleteAsync(key, cancellationToken);
            await AnswerOnceAsync(cancellationToken);
        }
        catch (Exception e) when (StoreFault.Is(e, cancellationToken))
        {
            // Start anyway: emergencies are answered without the store, and it is retried on every request.
            LogUnavailable(logger, e.GetType().Name);
        }

        _done = true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task AnswerOnceAsync(CancellationToken cancellationToken)
    {
        if (!services.GetRequiredService<KnowledgeProvider>().IsLoaded)
        {
            return;
        }

        var pipeline = services.GetRequiredService<TurnPipeline>();
        var conversationId = $"warmup-{Guid.NewGuid():N}";
        var profile = ChannelProfile.Web(ChannelId);
        foreach (var text in new[] { "where can i get naloxone", "my friend is not breathing" })
        {
            var activity = new Activity
            {
                Type = ActivityTypes.Message,
                Text = text,
                ChannelId = ChannelId,
                Conversation = new ConversationAccount { Id = conversationId },
                From = new ChannelAccount { Id = conversationId, Role = RoleTypes.User },
                Recipient = new ChannelAccount { Id = ChannelId, Role = RoleTypes.Bot },
            };
            await pipeline.ProcessActivityAsync(activity, profile, cancellationToken);
        }

        await storage.DeleteAsync(ConversationState.KeyFor(ChannelId, conversationId), cancellationToken);
    }

    public const string ChannelId = "warmup";

    [LoggerMessage(Level = LogLevel.Warning, Message = "The state store could not be warmed up ({Error}); starting without it.")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
