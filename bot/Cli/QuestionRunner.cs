using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Channels.Sms;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Cli;

/// <summary>Asks one question as a fresh anonymous conversation and returns the reply as the channel would send it.</summary>
internal sealed class QuestionRunner(TurnPipeline pipeline, IOptions<ChannelOptions> channels)
{
    /// <param name="locale">The language the conversation is in (<c>es</c> answers a message with no clue in Spanish).</param>
    public async Task<QuestionResult> AskAsync(string text, string channel, CancellationToken cancellationToken, string? locale = null)
    {
        var profile = channel == "web" ? ChannelProfile.Web("cli-web") : channels.Value.SmsProfile("cli-sms");
        var conversation = Guid.NewGuid().ToString("N");
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "1",
            Text = text,
            ChannelId = profile.ChannelId,
            From = new ChannelAccount { Id = "cli-user", Role = RoleTypes.User },
            Recipient = new ChannelAccount { Id = "harm-reduction-bot", Role = RoleTypes.Bot },
            Conversation = new ConversationAccount { Id = conversation },
            Timestamp = DateTimeOffset.UtcNow,
            Locale = locale,
        };
        var result = await pipeline.ProcessActivityAsync(activity, profile, cancellationToken);
        return new QuestionResult(Render(result.Replies, profile), result.Outcome, result.Language, result.TurnState ?? new Dictionary<string, object>());
    }

    public static string Render(IReadOnlyList<Activity> replies, ChannelProfile profile)
    {
        var messages = replies.Where(r => r.IsMessage).Select(r =>
        {
            var text = r.Text ?? string.Empty;
            if (profile.IsSms)
            {
                return SmsEncoding.ToGsmWherePossible(text);
            }

            var buttons = r.SuggestedActions?.Actions.Select(a => a.Title).Where(t => !string.IsNullOrEmpty(t)).ToList();
            return buttons is { Count: > 0 } ? $"{text}\n\n[{string.Join("] [", buttons)}]" : text;
        });
        return string.Join("\n\n", messages);
    }
}

internal sealed record QuestionResult(string Reply, TurnOutcome Outcome, string Language, IReadOnlyDictionary<string, object> TurnState);
