using System.Text.Json;
using PatternQuality.Backfill.Scoring;

namespace PatternQuality.Backfill.Tests.Scoring;

public sealed class PatternMapperTests
{
    private const string Uuid = "0f3c2a9e-5b1d-4c7e-9a8b-1234567890ab";

    [Fact]
    public void An_integer_point_id_becomes_the_uuid5_of_its_name()
    {
        var result = Map("12345", "{}");

        Assert.Equal(Guid.Parse("c6e06f9e-fc8c-5043-9112-35ef8ca1fc1b"), result.Pattern!.PatternId);
    }

    [Theory]
    [InlineData("\"0F3C2A9E-5B1D-4C7E-9A8B-1234567890AB\"")]
    [InlineData("\"0f3c2a9e5b1d4c7e9a8b1234567890ab\"")]
    [InlineData("\"{0f3c2a9e-5b1d-4c7e-9a8b-1234567890ab}\"")]
    [InlineData("\"urn:uuid:0f3c2a9e-5b1d-4c7e-9a8b-1234567890ab\"")]
    public void Every_uuid_spelling_qdrant_accepts_gives_the_same_pattern_id(string id)
    {
        Assert.Equal(Guid.Parse(Uuid), Map(id, "{}").Pattern!.PatternId);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("18446744073709551616")]
    [InlineData("\"42\"")]
    [InlineData("\"not-a-uuid\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{}")]
    public void Ids_qdrant_would_refuse_reject_the_pattern(string id)
    {
        Assert.Equal(RejectionReasons.InvalidId, Map(id, "{}").RejectionReason);
    }

    [Fact]
    public void The_largest_unsigned_64_bit_id_is_accepted()
    {
        Assert.Null(Map("18446744073709551615", "{}").RejectionReason);
    }

    [Fact]
    public void Fields_are_read_with_their_fallbacks()
    {
        var pattern = Map($"\"{Uuid}\"", """
            {"pattern_name": "EffectNode", "code": "", "content_preview": "x = 1", "text": "", "description": "about",
             "node_types": ["effect", "compute"], "pattern_confidence": 0.4,
             "metadata": {"complexity": "low", "a": 1}, "use_cases": ["u"], "examples": ["e1", "e2"]}
            """).Pattern!;

        Assert.Equal("EffectNode", pattern.PatternName);
        Assert.Equal("x = 1", pattern.Code);
        Assert.Equal("about", pattern.Text);
        Assert.Equal("effect", pattern.NodeType);
        Assert.Equal(0.4, pattern.Confidence);
        Assert.Equal("low", pattern.DeclaredComplexity);
        Assert.Equal(2, pattern.MetadataKeyCount);
        Assert.Equal(1, pattern.UseCaseCount);
        Assert.Equal(2, pattern.ExampleCount);
    }

    [Fact]
    public void A_missing_payload_scores_on_defaults()
    {
        var pattern = Map($"\"{Uuid}\"", "null").Pattern!;

        Assert.Equal("unnamed_pattern", pattern.PatternName);
        Assert.Equal("", pattern.Code);
        Assert.Null(pattern.NodeType);
        Assert.Equal(0.0, pattern.Confidence);
    }

    [Fact]
    public void A_real_zero_confidence_is_kept_not_replaced_by_pattern_confidence()
    {
        Assert.Equal(0.0, Map($"\"{Uuid}\"", """{"confidence": 0.0, "pattern_confidence": 0.9}""").Pattern!.Confidence);
    }

    [Fact]
    public void Fields_of_the_wrong_type_are_defaulted_and_noted()
    {
        var result = Map($"\"{Uuid}\"", """
            {"pattern_name": 7, "code": ["x"], "text": {}, "node_type": 3, "metadata": "rich", "use_cases": "many",
             "examples": 2, "confidence": "high", "pattern_confidence": 0.6}
            """);

        Assert.Null(result.RejectionReason);
        Assert.Equal("unnamed_pattern", result.Pattern!.PatternName);
        Assert.Equal(0.6, result.Pattern.Confidence);
        Assert.Equal(0, result.Pattern.MetadataKeyCount);
        Assert.Equal(
            ["code", "confidence", "examples", "metadata", "node_type", "pattern_name", "text", "use_cases"],
            result.DefaultedFields.Order());
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("1e999")]
    public void A_confidence_outside_zero_to_one_rejects_the_pattern(string confidence)
    {
        Assert.Equal(RejectionReasons.InvalidConfidence, Map($"\"{Uuid}\"", $$"""{"confidence": {{confidence}}}""").RejectionReason);
    }

    [Fact]
    public void A_non_string_complexity_counts_as_not_declared()
    {
        var pattern = Map($"\"{Uuid}\"", """{"code": "x = 1", "metadata": {"complexity": 3}}""").Pattern!;

        Assert.Null(pattern.DeclaredComplexity);
        Assert.Equal(0.4, PatternScorer.Score(pattern).Complexity);
    }

    [Fact]
    public void A_ten_megabyte_code_string_is_scored()
    {
        var code = string.Concat(Enumerable.Repeat("if x:\n    y = 1  # c\n", 500_000));
        var payload = JsonSerializer.Serialize(new { code, metadata = new { complexity = "high" } });

        var pattern = Map($"\"{Uuid}\"", payload).Pattern!;
        var score = PatternScorer.Score(pattern);

        Assert.True(code.Length >= 10_000_000);
        Assert.Equal(1.0, score.Complexity);
        Assert.Equal(0.4, score.Documentation, 1e-12); // comments 0.2 and ":" then a word on the next line 0.2
    }

    private static MappingResult Map(string id, string payload) =>
        PatternMapper.FromQdrantPoint(JsonDocument.Parse(id).RootElement, JsonDocument.Parse(payload).RootElement);
}
