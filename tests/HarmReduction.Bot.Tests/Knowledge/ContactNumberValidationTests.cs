using HarmReduction.Bot.Knowledge;

namespace HarmReduction.Bot.Tests.Knowledge;

public sealed class ContactNumberValidationTests : IDisposable
{
    private readonly KnowledgeFolderBuilder _folder = new();

    [Theory]
    [InlineData("1-800-484-3731", "never_use_alone")]
    [InlineData("(800) 484-3731", "never_use_alone")]
    [InlineData("18004843731", "never_use_alone")]
    [InlineData("+1 800 484 3731", "never_use_alone")]
    [InlineData("1-800-222-1222", "poison_control")]
    [InlineData("800.662.4357", "samhsa_helpline")]
    [InlineData("911", "emergency_number")]
    [InlineData("9-1-1", "emergency_number")]
    [InlineData("988", "crisis_line")]
    public void A_configured_contact_number_written_out_in_an_answer_is_an_error_naming_its_placeholder(string written, string placeholder)
    {
        var text = KnowledgeFolderBuilder.ValidEntry.Replace("Naloxone (Narcan) reverses an opioid overdose.\n    web", $"Call {written} for help.\n    web", StringComparison.Ordinal);

        var errors = _folder.With("en/naloxone.yaml", text).Load().Errors.Select(e => e.ToString());

        Assert.Equal([$"{_folder.Display("en/naloxone.yaml")}:10:10: '{written}' is {{{placeholder}}}"], errors);
    }

    [Theory]
    [InlineData("Call {never_use_alone} or {emergency_number}.")]
    [InlineData("Since 1988, programs have handed out naloxone.")]
    [InlineData("Chat at 988lifeline.org.")]
    [InlineData("RAINN: 1-800-656-4673.")]
    [InlineData("Wait 2-3 minutes, then 100-120 pushes a minute.")]
    public void Placeholders_and_other_numbers_in_an_answer_are_fine(string sms)
    {
        var text = KnowledgeFolderBuilder.ValidEntry.Replace("Naloxone (Narcan) reverses an opioid overdose.\n    web", sms + "\n    web", StringComparison.Ordinal);

        Assert.Empty(_folder.With("en/naloxone.yaml", text).Load().Errors);
    }

    [Fact]
    public void The_same_number_twice_in_one_field_is_reported_once_with_a_count()
    {
        var text = KnowledgeFolderBuilder.ValidEntry.Replace("**Naloxone (Narcan) reverses an opioid overdose.**", "**Call 911.** Then call 911 again.", StringComparison.Ordinal);

        var error = Assert.Single(_folder.With("en/naloxone.yaml", text).Load().Errors);

        Assert.Equal($"{_folder.Display("en/naloxone.yaml")}:12:10: '911' is {{emergency_number}} (2 times)", error.ToString());
    }

    [Fact]
    public void A_program_s_own_number_is_checked_in_the_language_it_is_configured_for()
    {
        var resources = new ResourcesOptions { ["es"] = new LocaleResources { CrisisLine = "(555) 010-0199" } };
        _folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry.Replace("opioid overdose.\n    web", "opioid overdose. Test line 555-010-0199.\n    web", StringComparison.Ordinal))
            .With("es/naloxona.yaml", KnowledgeFolderBuilder.SpanishTwin("Llama al 555 010 0199."));

        var errors = _folder.Load(resources).Errors.Select(e => e.ToString());

        Assert.Equal([$"{_folder.Display("es/naloxona.yaml")}:10:10: '555 010 0199' is {{crisis_line}}"], errors);
    }

    public void Dispose() => _folder.Dispose();
}
