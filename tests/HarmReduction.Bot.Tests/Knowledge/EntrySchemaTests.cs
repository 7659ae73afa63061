using HarmReduction.Bot.Tests.Harness;
using NJsonSchema;
using YamlDotNet.Serialization;

namespace HarmReduction.Bot.Tests.Knowledge;

public sealed class EntrySchemaTests
{
    public static TheoryData<string> EntryFiles()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Knowledge, "*.yaml", SearchOption.AllDirectories)
                     .Where(f => Path.GetDirectoryName(f) != RepoPaths.Knowledge).Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetRelativePath(RepoPaths.Knowledge, file));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(EntryFiles))]
    public async Task Every_shipped_entry_file_satisfies_the_editor_schema(string file)
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoPaths.Knowledge, "entry.schema.json"));

        var errors = schema.Validate(YamlAsJson(Path.Combine(RepoPaths.Knowledge, file)));

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task The_schema_rejects_a_misspelled_field_and_a_bad_topic()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoPaths.Knowledge, "entry.schema.json"));
        var text = KnowledgeFolderBuilder.ValidEntry.Replace("  topic: naloxone", "  topic: narcan\n  folow_up: [x]", StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, text);
        try
        {
            var errors = schema.Validate(YamlAsJson(path)).Select(e => e.ToString()).ToList();

            Assert.Contains(errors, e => e.Contains("NoAdditionalPropertiesAllowed", StringComparison.Ordinal) && e.Contains("folow_up", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Contains("NotInEnumeration", StringComparison.Ordinal) && e.Contains("topic", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>YAML as JSON with every scalar a string (as editors see it): dates stay "2026-11-20".</summary>
    private static string YamlAsJson(string path)
    {
        using var reader = File.OpenText(path);
        var data = new DeserializerBuilder().Build().Deserialize(reader);
        return new SerializerBuilder().JsonCompatible().Build().Serialize(data);
    }
}
