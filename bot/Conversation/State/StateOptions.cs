using System.ComponentModel.DataAnnotations;

namespace HarmReduction.Bot.Conversation.State;

public sealed class StateOptions
{
    public const string Section = "State";

    public StateProvider Provider { get; set; } = StateProvider.Memory;

    /// <summary>How long anything kept about a conversation lives after its last message.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(24);

    public RedisStateOptions Redis { get; set; } = new();
}

public enum StateProvider
{
    Memory,
    Redis,
}

public sealed class RedisStateOptions
{
    /// <summary>A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>.</summary>
    public string? Configuration { get; set; }

    public string KeyPrefix { get; set; } = "hrbot:";
}
