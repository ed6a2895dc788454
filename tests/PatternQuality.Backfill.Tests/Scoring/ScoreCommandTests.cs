using System.Text.Json;

namespace PatternQuality.Backfill.Tests.Scoring;

public sealed class ScoreCommandTests
{
    [Fact]
    public async Task Mapped_patterns_on_stdin_are_scored_as_the_reference_scored_them()
    {
        var vectors = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scoring", "vectors.json"))).RootElement;
        var inputs = "[" + string.Join(',', vectors.EnumerateArray().Select(v => v.GetProperty("input").GetRawText())) + "]";

        var result = await BackfillHarness.BackfillAsync(TestContext.Current.CancellationToken, inputs, "score");

        Assert.True(result.ExitCode == 0, result.ToString());
        var scored = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(vectors.GetArrayLength(), scored.GetArrayLength());
        for (var i = 0; i < scored.GetArrayLength(); i++)
        {
            var expected = vectors[i].GetProperty("expected");
            Assert.Equal(vectors[i].GetProperty("input").GetProperty("pattern_id").GetString(), scored[i].GetProperty("pattern_id").GetString());
            foreach (var field in new[] { "quality_score", "completeness_score", "documentation_score", "onex_compliance_score", "metadata_richness_score", "complexity_score", "confidence" })
            {
                Assert.Equal(expected.GetProperty(field).GetDouble(), scored[i].GetProperty(field).GetDouble(), 1e-9);
            }
        }
    }

    [Fact]
    public async Task A_qdrant_record_in_a_file_is_mapped_then_scored()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, """{"id": 12345, "payload": {"pattern_name": "EffectNode", "code": "async def execute_effect(self):", "node_type": "effect", "confidence": 0.9}}""", TestContext.Current.CancellationToken);

        var result = await BackfillHarness.BackfillAsync(TestContext.Current.CancellationToken, "", "score", "--input", file);
        File.Delete(file);

        Assert.True(result.ExitCode == 0, result.ToString());
        var scored = JsonDocument.Parse(result.Output).RootElement[0];
        Assert.Equal("c6e06f9e-fc8c-5043-9112-35ef8ca1fc1b", scored.GetProperty("pattern_id").GetString());
        Assert.Equal(1.0, scored.GetProperty("onex_compliance_score").GetDouble());
        Assert.Equal(0.9, scored.GetProperty("confidence").GetDouble());
        Assert.Contains(scored.GetProperty("band").GetString(), new[] { "excellent", "good", "fair", "poor" });
    }

    [Fact]
    public async Task A_pattern_that_cannot_be_scored_is_listed_with_its_reason_and_the_exit_code_says_so()
    {
        var result = await BackfillHarness.BackfillAsync(TestContext.Current.CancellationToken,
            """[{"pattern_id": "81e74ef5-e8e2-4d94-8ed9-04759531985d", "confidence": 2}, {"pattern_id": "81e74ef5-e8e2-4d94-8ed9-04759531985e"}]""", "score");

        Assert.Equal(1, result.ExitCode);
        var scored = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal("invalid_confidence", scored[0].GetProperty("rejected").GetString());
        Assert.Equal("poor", scored[1].GetProperty("band").GetString());
        Assert.Contains("1 pattern(s) could not be scored", Assert.Single(BackfillHarness.Lines(result.Error)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{\"pattern_id\": ")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    public async Task Input_that_is_not_patterns_is_a_one_line_usage_error(string input)
    {
        var result = await BackfillHarness.BackfillAsync(TestContext.Current.CancellationToken, input, "score");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", Assert.Single(BackfillHarness.Lines(result.Error)));
    }

    [Fact]
    public async Task A_missing_input_file_is_a_usage_error()
    {
        var result = await BackfillHarness.BackfillAsync(TestContext.Current.CancellationToken, "", "score", "--input", "/nonexistent/patterns.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Error);
    }
}
