using HarmReduction.Bot.Activities;

namespace HarmReduction.Bot.Conversation.Dialogs;

/// <summary>Presents options the way the channel can show them: a numbered list on SMS, buttons on the web.</summary>
public static class ChoiceFormatter
{
    public static Activity Format(string text, IReadOnlyList<string> options, ChannelProfile channel)
    {
        if (channel.IsSms)
        {
            var lines = options.Select((option, i) => $"{i + 1}) {option}");
            return Activity.CreateMessage(text + "\n" + string.Join("\n", lines), TextFormats.Plain);
        }

        var activity = Activity.CreateMessage(text, TextFormats.Markdown);
        activity.SuggestedActions = new SuggestedActions { Actions = options.Select(CardAction.ImBack).ToList() };
        activity.InputHint = InputHints.ExpectingInput;
        return activity;
    }
}
