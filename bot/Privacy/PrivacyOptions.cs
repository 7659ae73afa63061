namespace HarmReduction.Bot.Privacy;

/// <summary><c>Privacy:HashKey</c>: the secret that turns phone numbers into pseudonyms. Set it as an environment variable, never in the repo.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>At least 32 characters, e.g. the output of <c>openssl rand -base64 32</c>. Empty: a random key per process.</summary>
    public string? HashKey { get; set; }

    public bool HasHashKey => !string.IsNullOrEmpty(HashKey);
}
