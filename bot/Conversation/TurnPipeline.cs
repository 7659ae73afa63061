using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Conversation.State;

namespace HarmReduction.Bot.Conversation;

/// <summary>
/// The one engine every channel calls: middleware, then the bot, for one incoming activity.
/// Replies are collected, not sent, so a turn that loses an ETag race can be run again on fresh state
/// without the person ever seeing the first attempt (after a short random pause, so two instances racing on one
/// conversation do not collide again in step).
/// </summary>
public sealed class TurnPipeline(MiddlewareSet middleware, IBot bot, ILogger<TurnPipeline> logger)
{
    private const int MaxAttempts = 3;

    public async Task<TurnResult> ProcessActivityAsync(Activity activity, ChannelProfile channel, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var turnContext = new TurnContext(activity, channel);
            try
            {
                await middleware.RunAsync(turnContext, bot.OnTurnAsync, cancellationToken);
                return new TurnResult(turnContext.Replies, turnContext.Outcome, turnContext.Language, turnContext.TurnState);
            }
            catch (EtagConflictException) when (attempt < MaxAttempts)
            {
                logger.LogInformation("Conversation state changed during the turn; running it again ({Attempt}).", attempt);
                // Real time on purpose: a jitter between retries, not a deadline a test would move.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25) * attempt), cancellationToken);
            }
        }
    }
}

/// <param name="TurnState">What the steps of the turn computed (the safety check, the ranking), for <c>ask --explain</c>.</param>
public sealed record TurnResult(IReadOnlyList<Activity> Replies, TurnOutcome Outcome, string Language, IReadOnlyDictionary<string, object>? TurnState = null);
