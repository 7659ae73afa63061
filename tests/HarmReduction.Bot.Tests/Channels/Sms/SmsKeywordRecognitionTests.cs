using HarmReduction.Bot.Channels.Sms;

namespace HarmReduction.Bot.Tests.Channels.Sms;

public sealed class SmsKeywordRecognitionTests
{
    [Theory]
    [InlineData("STOP", SmsKeyword.OptOut)]
    [InlineData("stop", SmsKeyword.OptOut)]
    [InlineData("  Stop.  ", SmsKeyword.OptOut)]
    [InlineData("STOP!", SmsKeyword.OptOut)]
    [InlineData("StopAll", SmsKeyword.OptOut)]
    [InlineData("unsubscribe", SmsKeyword.OptOut)]
    [InlineData("Cancel", SmsKeyword.OptOut)]
    [InlineData("end", SmsKeyword.OptOut)]
    [InlineData("QUIT", SmsKeyword.OptOut)]
    [InlineData("revoke", SmsKeyword.OptOut)]
    [InlineData("optout", SmsKeyword.OptOut)]
    [InlineData("START", SmsKeyword.OptIn)]
    [InlineData("yes", SmsKeyword.OptIn)]
    [InlineData("Unstop", SmsKeyword.OptIn)]
    [InlineData("HELP", SmsKeyword.Help)]
    [InlineData("info?", SmsKeyword.Help)]
    [InlineData("stop please", SmsKeyword.None)]
    [InlineData("please stop", SmsKeyword.None)]
    [InlineData("help me", SmsKeyword.None)]
    [InlineData("stopped", SmsKeyword.None)]
    [InlineData("opt out", SmsKeyword.None)]
    [InlineData("", SmsKeyword.None)]
    [InlineData("...", SmsKeyword.None)]
    public void Keywords_match_only_a_whole_single_word_in_any_case(string text, SmsKeyword expected)
    {
        Assert.Equal(expected, SmsKeywords.Recognize(text));
    }

    [Theory]
    [InlineData("STOP", SmsKeyword.OptOut)]
    [InlineData("start", SmsKeyword.OptIn)]
    [InlineData("HELP", SmsKeyword.Help)]
    [InlineData("", SmsKeyword.None)]
    [InlineData(null, SmsKeyword.None)]
    [InlineData("other", SmsKeyword.None)]
    public void Twilio_opt_out_type_maps_to_the_same_keywords(string? optOutType, SmsKeyword expected)
    {
        Assert.Equal(expected, SmsKeywords.FromOptOutType(optOutType));
    }
}
