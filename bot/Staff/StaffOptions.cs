using System.ComponentModel.DataAnnotations;

namespace HarmReduction.Bot.Staff;

/// <summary>
/// The staff page (<c>Staff:*</c>). Off while <see cref="Token"/> is empty: <c>/staff</c> then answers 404 as if it did
/// not exist. The token is a secret: set it as an environment variable (<c>Staff__Token</c>), never in the repo.
/// </summary>
public sealed class StaffOptions
{
    public const string Section = "Staff";

    /// <summary>The shared secret staff type into the page (sent as <c>Authorization: Bearer</c>); empty turns the page off.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>Requests to <c>/staff</c> per client address per minute, right token or wrong.</summary>
    [Range(1, 10_000)]
    public int RequestsPerMinute { get; set; } = 60;

    public bool Enabled => !string.IsNullOrEmpty(Token);

    /// <summary>The shortest token accepted: a guessable token behind a rate limit is still guessable.</summary>
    public const int MinTokenLength = 16;
}
