using System.Text.Json;
using System.Text.Json.Nodes;
using HarmReduction.Bot.Activities;

namespace HarmReduction.Bot.Tests.Activities;

public sealed class ActivityJsonTests
{
    private const string WebChatActivity = """
        {
          "type": "message",
          "channelId": "webchat",
          "from": { "id": "dl_123", "name": "", "role": "user" },
          "conversation": { "id": "abc" },
          "locale": "en-US",
          "localTimestamp": "2026-11-23T10:00:00.000-05:00",
          "localTimezone": "America/New_York",
          "text": "is narcan safe",
          "textFormat": "plain",
          "entities": [ { "type": "ClientCapabilities", "requiresBotState": true, "supportsListening": true } ],
          "channelData": { "clientActivityID": "1700000000000abc", "clientTimestamp": "2026-11-23T15:00:00.000Z" },
          "attachmentLayout": "list",
          "someFutureField": { "x": 1 }
        }
        """;

    [Fact]
    public void Web_chat_activity_round_trips_with_every_field_kept()
    {
        var activity = ActivityJson.Deserialize(WebChatActivity);

        Assert.Equal("message", activity.Type);
        Assert.Equal("dl_123", activity.From?.Id);
        Assert.Equal("is narcan safe", activity.Text);
        Assert.Equal("1700000000000abc", activity.ChannelData?.GetProperty("clientActivityID").GetString());
        Assert.Equal("ClientCapabilities", activity.Entities?[0].Type);

        var back = JsonNode.Parse(ActivityJson.Serialize(activity))!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(WebChatActivity), back), back.ToJsonString());
    }

    [Fact]
    public void Serialized_activity_is_camel_case_and_omits_nulls()
    {
        var reply = Activity.CreateMessage("hello", TextFormats.Markdown);
        reply.SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack("Naloxone")] };
        reply.From = new ChannelAccount { Id = "bot", Role = RoleTypes.Bot };

        var json = JsonNode.Parse(ActivityJson.Serialize(reply))!.AsObject();

        Assert.Equal(["type", "from", "text", "textFormat", "suggestedActions"], json.Select(p => p.Key));
        Assert.Equal("imBack", json["suggestedActions"]!["actions"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("Naloxone", json["suggestedActions"]!["actions"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Activity_without_a_type_is_rejected()
    {
        Assert.Throws<JsonException>(() => ActivityJson.Deserialize("""{ "text": "hi" }"""));
    }

    [Fact]
    public void Reply_is_addressed_to_the_sender_and_refers_to_the_message()
    {
        var incoming = ActivityJson.Deserialize(WebChatActivity);
        incoming.Id = "abc|0000001";
        incoming.Recipient = new ChannelAccount { Id = "bot" };

        var reply = incoming.CreateReply("answer");

        Assert.Equal("abc|0000001", reply.ReplyToId);
        Assert.Equal("dl_123", reply.Recipient?.Id);
        Assert.Equal("bot", reply.From?.Id);
        Assert.Equal("abc", reply.Conversation?.Id);
    }
}
