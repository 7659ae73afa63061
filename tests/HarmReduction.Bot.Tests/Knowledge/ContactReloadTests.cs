using HarmReduction.Bot.Answering;
using HarmReduction.Bot.Hosting;
using HarmReduction.Bot.Knowledge;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace HarmReduction.Bot.Tests.Knowledge;

/// <summary>Contact settings reload like entries: a good value is served at once, a bad one names the setting and changes nothing.</summary>
public sealed class ContactReloadTests : IDisposable
{
    private readonly KnowledgeFolderBuilder _folder = new();

    [Fact]
    public void A_changed_contact_is_served_live_and_a_value_that_breaks_an_answer_is_refused_naming_the_setting()
    {
        _folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry.Replace(
            "Naloxone (Narcan) reverses an opioid overdose.\n    web", "Naloxone (Narcan) reverses an opioid overdose. To talk to a person: {human_contact}.\n    web", StringComparison.Ordinal));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Knowledge:Path"] = _folder.Root,
                ["Semantic:Enabled"] = "false",
                ["Resources:en:HumanContact"] = "Eastside outreach, 555-0142",
            })
            .Build();
        var memory = configuration.Providers.OfType<MemoryConfigurationProvider>().Single();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddHarmReductionBot();
        using var provider = services.BuildServiceProvider();
        var knowledge = provider.GetRequiredService<KnowledgeProvider>();
        var composer = provider.GetRequiredService<AnswerComposer>();
        Assert.Empty(knowledge.Load());
        var first = knowledge.Status.Serving!;
        Assert.Equal("Eastside outreach, 555-0142", composer.Fill("{human_contact}", "en"));

        memory.Set("Resources:en:HumanContact", "Westside drop-in, 555-0199");
        configuration.Reload();

        Assert.Equal("Westside drop-in, 555-0199", composer.Fill("{human_contact}", "en"));
        Assert.NotEqual(first.Hash, knowledge.Status.Serving!.Hash);
        Assert.Null(knowledge.Status.Refused);

        memory.Set("Resources:en:HumanContact", "Westside drop-in " + new string('x', 300));
        configuration.Reload();

        var refused = Assert.Single(knowledge.Status.Refused!.Errors).ToString();
        Assert.StartsWith($"{_folder.Display("en/naloxone.yaml")}:10:10: the setting Resources:en:HumanContact ({{human_contact}}, 'Westside drop-in xxx", refused, StringComparison.Ordinal);
        Assert.Contains("answer.sms is over the SMS budget", refused, StringComparison.Ordinal);
        Assert.Equal("Westside drop-in, 555-0199", composer.Fill("{human_contact}", "en"));

        memory.Set("Resources:en:HumanContact", "Northside van, 555-0123");
        configuration.Reload();

        Assert.Null(knowledge.Status.Refused);
        Assert.Equal("Northside van, 555-0123", composer.Fill("{human_contact}", "en"));
    }

    public void Dispose() => _folder.Dispose();
}
