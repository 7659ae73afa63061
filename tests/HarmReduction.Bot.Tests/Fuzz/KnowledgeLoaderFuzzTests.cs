using HarmReduction.Bot.Tests.Knowledge;

namespace HarmReduction.Bot.Tests.Fuzz;

/// <summary>The knowledge loader fed generated YAML in an entry file and in each support file: errors, never an exception.</summary>
[Trait("Category", "Fuzz")]
public sealed class KnowledgeLoaderFuzzTests
{
    private static readonly FsCheck.Gen<string> Yaml = FuzzInputs.TextFrom(
        "- id: x\n", "title: t\n", "topic: naloxone\n", "lang: en\n", "questions:\n", "  - q\n", "answer:\n", "  sms: s\n", "  web: w\n",
        "reviewed: 2026-01-01\n", "follow_up: [a]\n", "twin: y\n", ":", "- ", "  ", "\n", "&a ", "*a", "!!binary ", "!!str ", "{", "}", "[", "]",
        "'", "\"", "%YAML 1.1\n", "---\n", "...\n", "? ", "|-\n", ">\n", "#", "<<: *a\n", "en:", "es:", "emergency:", "crisis:", "signs:", "reply:");

    [Fact]
    public void Generated_yaml_in_any_knowledge_file_gives_errors_never_an_exception()
    {
        using var folder = new KnowledgeFolderBuilder().With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry);
        var files = new[] { "en/fuzz.yaml", "safety.yaml", "messages.yaml", "synonyms.yaml", "language.yaml" };
        var originals = files.ToDictionary(f => f, f => File.Exists(Path.Combine(folder.Root, f)) ? File.ReadAllText(Path.Combine(folder.Root, f)) : null);
        var i = 0;
        foreach (var yaml in FuzzInputs.Sample(Yaml, FuzzInputs.Runs(quick: 300)))
        {
            var file = files[i++ % files.Length];

            // Written as bytes: lone surrogates become U+FFFD as an editor would write them, and every fifth file is not UTF-8 at all.
            File.WriteAllBytes(Path.Combine(folder.Root, file), i % 5 == 0 ? FuzzInputs.Sample(FuzzInputs.Bytes(), 1).First() : FuzzInputs.Utf8(yaml));
            try
            {
                folder.Load();
            }
            catch (Exception e)
            {
                Assert.Fail($"{e} loading {file} = {System.Text.Json.JsonSerializer.Serialize(yaml)}");
            }
            finally
            {
                if (originals[file] is { } original)
                {
                    folder.With(file, original);
                }
                else
                {
                    File.Delete(Path.Combine(folder.Root, file));
                }
            }
        }
    }
}
