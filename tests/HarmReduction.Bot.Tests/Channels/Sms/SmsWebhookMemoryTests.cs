using System.Net;
using System.Text;

using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Channels.Sms;

/// <summary>
/// /api/sms refuses an oversized body before reading it (review M5, I1). Alone in a collection that runs after the parallel
/// ones, so the allocations it counts are its own.
/// </summary>
[Collection(ProcessMemoryCollection.Name)]
public sealed class SmsWebhookMemoryTests(SignedSmsServer fixture) : IClassFixture<SignedSmsServer>
{
    [Fact]
    public async Task Oversized_unsigned_forms_are_refused_with_413_and_memory_stays_bounded()
    {
        // The client waits as long as it takes for the server's answer to Expect: 100-continue. With .NET's default of one
        // second, a busy machine sends the 4 MB body anyway, and the server's refusal then arrives as a reset mid-upload.
        using var handler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(2) };
        using var http = new HttpClient(handler) { BaseAddress = fixture.Server.BaseAddress };
        var form = Encoding.ASCII.GetBytes("Body=" + new string('a', 4 * 1024 * 1024));
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            var content = new ByteArrayContent(form);
            content.Headers.ContentType = new("application/x-www-form-urlencoded");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sms") { Content = content };

            // Expect: 100-continue lets the client hear the refusal instead of a reset while it is still sending.
            request.Headers.ExpectContinue = true;
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }));

        // Reading the 32 bodies would allocate 128 MB or more; refusing them on their declared length allocates a few MB.
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.RequestEntityTooLarge, s));
        Assert.True(allocated < 32L * 1024 * 1024, $"the process allocated {allocated / 1024 / 1024} MB while refusing the forms");
    }
}
