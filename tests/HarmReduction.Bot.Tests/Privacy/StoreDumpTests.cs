using System.Text;
using HarmReduction.Bot.Tests.Channels.DirectLine;
using HarmReduction.Bot.Tests.Channels.Sms;
using HarmReduction.Bot.Tests.Harness;
using HarmReduction.Bot.Knowledge;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace HarmReduction.Bot.Tests.Privacy;

/// <summary>What anyone who can read the state store sees (review H4): ids, pseudonyms and ciphertext, never what was said or by which number.</summary>
public sealed class StoreDumpTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string Phrase = "purple-elephant-42";
    private const string TypedNumber = "+15559876543";

    [Fact]
    public async Task A_dump_of_every_key_after_a_web_and_an_sms_session_holds_neither_the_text_nor_the_number()
    {
        var prefix = $"dump-{Guid.NewGuid():n}:";
        IReadOnlyList<string> entryIds;
        using (var server = new BotServer(new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = DirectLineServer.Secret,
            ["Sms:Twilio:AuthToken"] = SignedSmsServer.AuthToken,
            ["Privacy:HashKey"] = "test-hash-key-that-is-long-enough-0001",
            ["State:Provider"] = "Redis",
            ["State:Redis:Configuration"] = redis.Configuration,
            ["State:Redis:KeyPrefix"] = prefix,
        }))
        {
            entryIds = server.Services.GetRequiredService<KnowledgeProvider>().Current.Knowledge.Entries
                .Select(e => e.Id).OrderByDescending(id => id.Length).ToList();
            using var web = new DirectLineHttp(server.BaseAddress);
            var (conversationId, token, _) = await web.StartAsync();
            await web.PostMessageAsync(conversationId, token, $"call me at {TypedNumber} {Phrase}");
            await web.PostMessageAsync(conversationId, token, $"my friend overdosed {Phrase}");
            await web.PostMessageAsync(conversationId, token, $"how do i use narcan {Phrase}");
            var webTranscript = await web.GetActivitiesAsync(conversationId, token);
            Assert.Contains(Phrase, webTranscript.GetRawText(), StringComparison.Ordinal);

            var phone = new TwilioPhone(server.BaseAddress, SignedSmsServer.AuthToken, "+15551234567");
            foreach (var body in new[] { $"where can i get naloxone {Phrase}", "more", $"my friend is not breathing {Phrase}", "STOP", "HELP", "START", $"text me at {TypedNumber}" })
            {
                await phone.SendAsync(body);
            }
        }

        var dump = await DumpAsync(prefix);
        Assert.NotEmpty(dump);

        // Which answer a conversation got last is kept by id (the privacy answer says so); an id like
        // "overdose-rescue-breathing" is the knowledge base's word, not the person's.
        var withoutEntryIds = entryIds.Aggregate(dump, (text, id) => text.Replace(id, "<entry>", StringComparison.Ordinal));
        foreach (var secret in new[] { Phrase, "5559876543", "5551234567", "narcan", "breathing", "overdosed" })
        {
            Assert.DoesNotContain(secret, withoutEntryIds, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Every key under the prefix with everything it holds (hash fields, list items, strings), as one text.</summary>
    private async Task<string> DumpAsync(string prefix)
    {
        using var admin = redis.Admin();
        var database = admin.GetDatabase();
        var text = new StringBuilder();
        foreach (var key in admin.GetServers()[0].Keys(pattern: prefix + "*"))
        {
            text.Append(key).Append('\n');
            switch (await database.KeyTypeAsync(key))
            {
                case RedisType.Hash:
                    foreach (var entry in await database.HashGetAllAsync(key))
                    {
                        text.Append(entry.Name).Append('=').Append(Latin1(entry.Value)).Append('\n');
                    }

                    break;
                case RedisType.List:
                    foreach (var item in await database.ListRangeAsync(key))
                    {
                        text.Append(Latin1(item)).Append('\n');
                    }

                    break;
                default:
                    text.Append(Latin1(await database.StringGetAsync(key))).Append('\n');
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>Bytes as they are (UTF-8 text shows as itself), so ciphertext cannot hide a match by failing to decode.</summary>
    private static string Latin1(RedisValue value) => value.IsNull ? string.Empty : Encoding.Latin1.GetString((byte[])value!);
}
