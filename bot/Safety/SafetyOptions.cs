using System.ComponentModel.DataAnnotations;

namespace HarmReduction.Bot.Safety;

/// <summary><c>Safety:*</c>: how the emergency and crisis reply is kept independent of the state store.</summary>
public sealed class SafetyOptions
{
    public const string Section = "Safety";

    /// <summary>
    /// How long an emergency or crisis turn waits for the state store (the opt-out check, resetting the conversation)
    /// before its reply goes out anyway. The reply itself never needs the store.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:05")]
    public TimeSpan StateTimeout { get; set; } = TimeSpan.FromMilliseconds(500);
}
