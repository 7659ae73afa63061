using HarmReduction.Bot.Cli;
using HarmReduction.Bot.Tests.Harness;
using HarmReduction.Bot.Tests.Knowledge;

namespace HarmReduction.Bot.Tests.Routing;

public sealed class RoutingTests(EngineFixture engine) : IClassFixture<EngineFixture>, IDisposable
{
    private const string Basics = """
        - id: naloxone-basics
          title: What naloxone is
          topic: naloxone
          lang: en
          questions:
            - narcan pharmacy price
            - what does naloxone do
            - is naloxone the same as narcan
          answer:
            sms: >-
              Naloxone (Narcan) reverses an opioid overdose.
            web: |-
              **Naloxone (Narcan) reverses an opioid overdose.**
          sources:
            - title: "CDC: Lifesaving Naloxone"
              url: https://www.cdc.gov/stop-overdose/caring/naloxone.html
          reviewed: 2026-11-01
        """;

    private const string Pharmacy = """
        - id: naloxone-pharmacy
          title: Narcan at the pharmacy
          topic: naloxone
          lang: en
          questions:
            - where can i get narcan
            - narcan near me
            - narcan pharmacy
          keywords: [narcan pharmacy price]
          answer:
            sms: >-
              Pharmacies sell Narcan without a prescription.
            web: |-
              **Pharmacies sell Narcan without a prescription.**
          sources:
            - title: "CDC: Lifesaving Naloxone"
              url: https://www.cdc.gov/stop-overdose/caring/naloxone.html
          reviewed: 2026-11-01
        """;

    private readonly KnowledgeFolderBuilder _folder = new();

    [Fact]
    public async Task Validate_routing_lists_a_phrasing_another_entry_takes_with_its_position_winner_and_strongest_pull_and_fails_until_it_is_accepted()
    {
        _folder.With("en/basics.yaml", Basics).With("en/pharmacy.yaml", Pharmacy);
        var lexicalOnly = new Dictionary<string, string> { ["Semantic__Enabled"] = "false" };

        var before = await BotProcess.RunAsync(["validate", _folder.Root, "--routing"], environment: lexicalOnly);

        Assert.True(before.ExitCode == 1, before.Stdout + before.Stderr);
        Assert.Contains(
            $"{_folder.Display("en/basics.yaml")}:6:7: routing: 'narcan pharmacy price' (naloxone-basics) is answered by naloxone-pharmacy (",
            before.Stdout,
            StringComparison.Ordinal);
        Assert.Contains($"Strongest pull: keyword 'narcan pharmacy price' ({_folder.Display("en/pharmacy.yaml")}:9:14)", before.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 collisions (1 go to another entry): 0 accepted in routing-accepted.yaml, 1 new.", before.Stderr, StringComparison.Ordinal);

        _folder.With("routing-accepted.yaml", "- entry: naloxone-basics\n  question: narcan pharmacy price\n  goes_to: naloxone-pharmacy\n");
        var after = await BotProcess.RunAsync(["validate", _folder.Root, "--routing"], environment: lexicalOnly);

        Assert.True(after.ExitCode == 0, after.Stdout + after.Stderr);
        Assert.Contains(": routing (accepted): 'narcan pharmacy price' (naloxone-basics) is answered by naloxone-pharmacy", after.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 accepted in routing-accepted.yaml, 0 new.", after.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_accepted_route_must_name_a_real_entry_one_of_its_questions_and_a_real_outcome()
    {
        _folder.With("en/basics.yaml", Basics).With("en/pharmacy.yaml", Pharmacy).With("routing-accepted.yaml", """
            - entry: naloxone-basics
              question: how much is narcan
              goes_to: naloxone-pharmacy
            - entry: naloxone-gone
              question: narcan pharmacy price
              goes_to: fallback
            - entry: naloxone-basics
              question: narcan pharmacy price
              goes_to: somewhere
            """);

        var errors = _folder.Load().Errors.Select(e => e.ToString()).ToList();

        var file = _folder.Display("routing-accepted.yaml");
        Assert.Equal(
            [
                $"{file}:1:3: accepted route: 'how much is narcan' is not a question of 'naloxone-basics' (was it moved or reworded? run validate --routing)",
                $"{file}:4:3: accepted route: 'naloxone-gone' is not the id of any entry",
                $"{file}:7:3: accepted route: goes_to 'somewhere' is not an entry id, did-you-mean or fallback",
            ],
            errors);
    }

    [Fact]
    public async Task Every_listed_phrasing_of_the_shipped_knowledge_goes_to_its_own_entry_or_is_an_accepted_collision()
    {
        var report = await RoutingCommand.RunAsync(engine.Bot.Services, CancellationToken.None);

        Assert.True(report.New.Count == 0, "New routing collisions (fix them, or list them in knowledge/routing-accepted.yaml):\n" + string.Join("\n", report.New));
        // Phrasings that describe an emergency happening now get the emergency reply first, by design.
        Assert.True(report.Home + report.Safety.Count > report.Phrasings * 0.9, RoutingCommand.Summary(report));
    }

    public void Dispose() => _folder.Dispose();
}
