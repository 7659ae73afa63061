using System.Text;
using HarmReduction.Bot.Privacy;
using HarmReduction.Bot.Tests.Harness;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Tests.Privacy;

public sealed class PseudonymizerTests
{
    private const string Number = "+14155550123";

    [Fact]
    public void Same_number_and_key_give_the_same_pseudonym_which_reveals_nothing()
    {
        var pseudonymizer = new Pseudonymizer(Encoding.UTF8.GetBytes("a-key-of-at-least-thirty-two-chars!!"));

        var first = pseudonymizer.Pseudonymize("phone", Number);
        var second = pseudonymizer.Pseudonymize("phone", Number);

        Assert.Equal(first, second);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", first);
        Assert.DoesNotContain("4155550123", first);
        Assert.NotEqual(first, pseudonymizer.Pseudonymize("phone", "+14155550124"));
    }

    [Fact]
    public void Pseudonyms_depend_on_the_key_and_the_purpose()
    {
        var one = new Pseudonymizer(Encoding.UTF8.GetBytes("a-key-of-at-least-thirty-two-chars!!"));
        var other = new Pseudonymizer(Encoding.UTF8.GetBytes("another-key-of-at-least-thirty-two!!"));

        Assert.NotEqual(one.Pseudonymize("phone", Number), other.Pseudonymize("phone", Number));
        Assert.NotEqual(one.Pseudonymize("phone", Number), one.Pseudonymize("twilio-message", Number));
        Assert.NotEqual(Pseudonymizer.WithRandomKey().Pseudonymize("phone", Number), Pseudonymizer.WithRandomKey().Pseudonymize("phone", Number));
    }

    [Fact]
    public void Hmac_sha256_under_the_key_is_the_pseudonym()
    {
        var key = Encoding.UTF8.GetBytes("a-key-of-at-least-thirty-two-chars!!");
        var expected = System.Buffers.Text.Base64Url.EncodeToString(
            System.Security.Cryptography.HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("phone:" + Number)));

        Assert.Equal(expected, new Pseudonymizer(key).Pseudonymize("phone", Number));
    }

    [Fact]
    public void A_short_hash_key_is_refused_at_start()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Privacy:HashKey"] = "short" }).Build());
        services.AddLogging().AddPrivacy();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PrivacyOptions>>().Value);
        Assert.Contains("Privacy:HashKey", error.Message);
    }

    [Fact]
    public void Without_a_hash_key_a_random_one_is_used_with_a_warning()
    {
        var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging(b => b.AddProvider(logs)).AddPrivacy();
        using var provider = services.BuildServiceProvider();

        var pseudonym = provider.GetRequiredService<Pseudonymizer>().Pseudonymize("phone", Number);

        Assert.Matches("^[A-Za-z0-9_-]{43}$", pseudonym);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Privacy:HashKey is not set", StringComparison.Ordinal));
    }
}
