using System.Diagnostics;
using System.Net;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Tests.Harness;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HarmReduction.Bot.Tests.Knowledge;

/// <summary>What editors, copies and checkouts leave in a knowledge folder never stops the service (review H1, L5).</summary>
public sealed class EditorArtefactTests : IDisposable
{
    private readonly KnowledgeFolderBuilder _folder = new();

    [Fact]
    public void Lock_swap_backup_files_dangling_links_and_fifos_are_ignored_at_load()
    {
        _folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry);
        AddArtefacts(Path.Combine(_folder.Root, "en"));
        AddArtefacts(_folder.Root);

        var result = _folder.Load();

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Single(result.Knowledge!.Entries);
    }

    [Fact]
    public async Task An_emacs_lock_file_appearing_in_a_watched_folder_leaves_the_service_reloading()
    {
        _folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry);
        var (provider, logs) = WatchedProvider();
        using var _ = provider;
        Assert.Empty(provider.Load());
        provider.StartWatching();

        AddArtefacts(Path.Combine(_folder.Root, "en"));
        _folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry.Replace("What naloxone is", "Naloxone, explained", StringComparison.Ordinal));

        await Eventually(() => provider.Current.Knowledge.ById["naloxone-basics"].Title == "Naloxone, explained");
        Assert.DoesNotContain("reload failed", logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watched_folder_that_is_deleted_and_copied_back_is_watched_again()
    {
        _folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry);
        var copy = _folder.Root + "-copy";
        CopyFolder(_folder.Root, copy);
        var (provider, _) = WatchedProvider();
        using var __ = provider;
        Assert.Empty(provider.Load());
        provider.StartWatching();

        try
        {
            Directory.Delete(_folder.Root, recursive: true);
            await Eventually(() => !provider.IsWatching);
            CopyFolder(copy, _folder.Root);
            await Eventually(() => provider.IsWatching);
            _folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry.Replace("What naloxone is", "After the copy", StringComparison.Ordinal));

            await Eventually(() => provider.Current.Knowledge.ById["naloxone-basics"].Title == "After the copy");
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task The_server_starts_and_answers_with_an_emacs_lock_file_in_the_knowledge_folder()
    {
        CopyFolder(RepoPaths.Knowledge, Path.Combine(_folder.Root, "kb"));
        var knowledge = Path.Combine(_folder.Root, "kb");
        AddArtefacts(Path.Combine(knowledge, "en"));
        using var server = new BotServer(new Dictionary<string, string?> { ["Knowledge:Path"] = knowledge, ["Knowledge:Watch"] = "true" }, "Development");
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        File.CreateSymbolicLink(Path.Combine(knowledge, "en", ".#naloxone.yaml"), "user@host.4242:1700000001");
        using var ready = await http.GetAsync("/readyz");
        using var sms = await http.PostAsync("/api/sms", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["MessageSid"] = "SM" + Guid.NewGuid().ToString("n"), ["From"] = "+15550001111", ["To"] = "+15550002222", ["Body"] = "my friend is not breathing",
        }));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sms.StatusCode);
        Assert.Contains("911", await sms.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder.Root))
        {
            _folder.Dispose();
        }
    }

    /// <summary>An Emacs lock (a dangling link named <c>.#file</c>), a vim swap file, a backup, a dangling link and a FIFO.</summary>
    private static void AddArtefacts(string folder)
    {
        File.CreateSymbolicLink(Path.Combine(folder, ".#overdose.yaml"), "user@host.12345:1700000000");
        File.WriteAllText(Path.Combine(folder, ".overdose.yaml.swp"), "\0\0vim swap\0");
        File.WriteAllText(Path.Combine(folder, "overdose.yaml~"), "- id: [broken backup\n");
        File.CreateSymbolicLink(Path.Combine(folder, "gone.yaml"), Path.Combine(folder, "does-not-exist.yaml"));
        using var mkfifo = Process.Start("mkfifo", [Path.Combine(folder, "fifo.yaml")]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private (KnowledgeProvider Provider, CapturedLogs Logs) WatchedProvider()
    {
        var logs = new CapturedLogs();
        var loggers = new LoggerFactory([logs]);
        var provider = new KnowledgeProvider(
            new KnowledgeLoader(new ResourcesOptions(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero))),
            Options.Create(new KnowledgeOptions { Path = _folder.Root, Watch = true }),
            RankingWeights.Default,
            Bot.Semantic.SemanticLayer.Off,
            loggers.CreateLogger<KnowledgeProvider>());
        return (provider, logs);
    }

    /// <summary>Waits (up to 15 s) for the file watcher to deliver; a condition, not a timing assertion.</summary>
    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 150 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "the watched folder did not get there within 15 s");
    }
}
