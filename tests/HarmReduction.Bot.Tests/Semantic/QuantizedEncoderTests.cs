using HarmReduction.Bot.Semantic;
using HarmReduction.Bot.Semantic.Int8;
using HarmReduction.Bot.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace HarmReduction.Bot.Tests.Semantic;

/// <summary>One quantised encoder, built into a temporary cache folder, shared by the tests that only encode.</summary>
public sealed class QuantizedEncoderFixture : IDisposable
{
    public QuantizedEncoderFixture()
    {
        Encoder = QuantizedMiniLmEncoder.Create(Folder, NullLogger.Instance);
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("hrb-int8-").FullName;

    public QuantizedMiniLmEncoder Encoder { get; }

    public void Dispose()
    {
        Encoder.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}

public sealed class QuantizedEncoderTests(QuantizedEncoderFixture fixture) : IClassFixture<QuantizedEncoderFixture>
{
    public static TheoryData<string> Messages =>
    [
        "how do i use narcan",
        "my friend took too many pills and wont wake up",
        "he's not breathing, lips turning blue",
        "where can i get free test strips",
        "is it ok to mix alcohol and benzos",
        "how long does fent stay in your system",
        "can you overdose on weed",
        "i want to stop using but the withdrawal is too much",
        "where is the closest needle exchange",
        "is it safe to smoke meth after drinking",
        "what happens if i take suboxone while on heroin",
        "i feel like ending it all",
        "como uso la naloxona",
        "mi hermano no respira y esta morado",
        "donde puedo conseguir tiras para detectar fentanilo",
        "es peligroso mezclar alcohol con pastillas",
        "cuanto dura la abstinencia de heroina",
        "quiero dejar de consumir pero no se como",
        "hay algun lugar para cambiar jeringas cerca",
        "me siento muy mal despues de tomar tusi",
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void Quantized_vector_is_within_0_99_cosine_of_the_float_vector(string message)
    {
        var text = SemanticText.Prepare(message);
        var expected = MiniLmEncoder.Shared.Encode([text])[0];
        var actual = fixture.Encoder.Encode([text])[0];

        Assert.Equal(384, actual.Length);
        Assert.InRange(Vectors.Cosine(expected, actual), QuantizedMiniLmEncoder.MinAgreement, 1.0001);
    }

    [Fact]
    public void Nearest_phrasing_of_known_pairs_is_the_same_as_with_the_float_model()
    {
        string[] phrasings =
        [
            "how do i give naloxone to someone",
            "where can i get fentanyl test strips",
            "what are the signs of an opioid overdose",
            "is it dangerous to mix alcohol and xanax",
            "donde consigo naloxona gratis",
            "que hago si alguien tiene una sobredosis",
        ];
        (string Message, int Expected)[] pairs =
        [
            ("how to use narcan", 0),
            ("where do i find fent strips", 1),
            ("how do i know if someone is ODing", 2),
            ("can i drink on bars", 3),
            ("donde me dan narcan sin pagar", 4),
            ("mi amigo tiene sobredosis que hago", 5),
        ];
        var floatPhrasings = MiniLmEncoder.Shared.Encode(phrasings);
        var quantizedPhrasings = fixture.Encoder.Encode(phrasings);

        foreach (var (message, expected) in pairs)
        {
            Assert.Equal(expected, Nearest(MiniLmEncoder.Shared.Encode([message])[0], floatPhrasings));
            Assert.Equal(expected, Nearest(fixture.Encoder.Encode([message])[0], quantizedPhrasings));
        }
    }

    [Fact]
    public void Self_check_passes_and_the_model_id_names_the_quantisation()
    {
        Assert.True(QuantizedMiniLmEncoder.SelfCheck(fixture.Encoder) >= QuantizedMiniLmEncoder.MinAgreement);
        Assert.Equal(MiniLmEncoder.FloatModelId + "+int8-smooth-v1", fixture.Encoder.ModelId);
        Assert.NotEqual(MiniLmEncoder.Shared.ModelId, fixture.Encoder.ModelId);
    }

    [Fact]
    public void Cached_model_is_reused_by_the_next_construction()
    {
        var path = new QuantizedModelFile(fixture.Folder, NullLogger.Instance).Path!;
        Assert.True(File.Exists(path));
        var written = File.GetLastWriteTimeUtc(path);

        using var second = QuantizedMiniLmEncoder.Create(fixture.Folder, NullLogger.Instance);

        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Empty(Directory.GetFiles(fixture.Folder, "*.tmp"));
        Assert.Equal(fixture.Encoder.Encode(["where can i get narcan"])[0], second.Encode(["where can i get narcan"])[0]);
    }

    [Theory]
    [InlineData("flipped byte")]
    [InlineData("truncated")]
    [InlineData("not a model")]
    public void Damaged_cached_model_is_rebuilt(string damage)
    {
        var folder = Directory.CreateTempSubdirectory("hrb-int8-").FullName;
        try
        {
            var file = new QuantizedModelFile(folder, NullLogger.Instance);
            File.Copy(new QuantizedModelFile(fixture.Folder, NullLogger.Instance).Path!, file.Path!);
            var bytes = File.ReadAllBytes(file.Path!);
            File.WriteAllBytes(file.Path!, damage switch
            {
                "flipped byte" => Flip(bytes, bytes.Length / 2),
                "truncated" => bytes[..(bytes.Length / 3)],
                _ => "garbage"u8.ToArray(),
            });
            var logs = new CapturedLogs();

            using var encoder = QuantizedMiniLmEncoder.Create(folder, logs.CreateLogger("test"));

            Assert.Contains("unusable", logs.All, StringComparison.Ordinal);
            Assert.NotNull(file.TryRead());
            Assert.Equal(fixture.Encoder.Encode(["is it safe to mix"])[0], encoder.Encode(["is it safe to mix"])[0]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Without_a_cache_folder_the_model_is_built_in_memory()
    {
        using var encoder = QuantizedMiniLmEncoder.Create(null, NullLogger.Instance);

        Assert.Null(new QuantizedModelFile(null, NullLogger.Instance).Path);
        Assert.Equal(fixture.Encoder.Encode(["como uso narcan"])[0], encoder.Encode(["como uso narcan"])[0]);
    }

    [Fact]
    public void Setting_off_gives_exactly_the_float_encoder()
    {
        // A small knowledge folder: the float model is slow, and which encoder serves does not depend on the entries.
        var folder = Answering.FlowKnowledge.CreateFolder();
        try
        {
            using var host = new TestBotHost(new Dictionary<string, string?> { ["Semantic:Quantized"] = "false" }, folder);

            var layer = host.Services.GetRequiredService<SemanticLayer>();

            Assert.Same(MiniLmEncoder.Shared, layer.Vectors!.Encoder);
            Assert.Equal(MiniLmEncoder.FloatModelId, layer.Messages!.ModelId);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Failed_self_check_falls_back_to_the_float_encoder_with_a_warning_and_no_text()
    {
        var logs = new CapturedLogs();

        var encoder = QuantizedMiniLmEncoder.CreateChecked(fixture.Folder, logs.CreateLogger("test"), minAgreement: 1.01);

        Assert.Same(MiniLmEncoder.Shared, encoder);
        Assert.Contains("Warning", logs.All, StringComparison.Ordinal);
        Assert.Contains("using the float model", logs.All, StringComparison.Ordinal);
        Assert.All(QuantizedMiniLmEncoder.SelfCheckSentences, s => Assert.DoesNotContain(s, logs.All, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void By_default_the_quantised_encoder_serves_with_its_model_cached_beside_the_vectors()
    {
        using var host = new TestBotHost();

        var layer = host.Services.GetRequiredService<SemanticLayer>();

        Assert.IsType<QuantizedMiniLmEncoder>(layer.Vectors!.Encoder);
        Assert.EndsWith("+int8-smooth-v1", layer.Messages!.ModelId, StringComparison.Ordinal);
        var cacheFolder = Path.GetDirectoryName(Path.GetFullPath(".cache/knowledge-vectors.bin", Bot.Hosting.AppSettingsLocator.ContentRoot()))!;
        Assert.True(File.Exists(Path.Combine(cacheFolder, QuantizedModelFile.FileName)));
        Assert.DoesNotContain("using the float model", host.Logs.All, StringComparison.Ordinal);
    }

    private static int Nearest(float[] message, IReadOnlyList<float[]> candidates) =>
        Enumerable.Range(0, candidates.Count).MaxBy(i => Vectors.Cosine(message, candidates[i]));

    private static byte[] Flip(byte[] bytes, int index)
    {
        bytes[index] ^= 0x5A;
        return bytes;
    }
}
