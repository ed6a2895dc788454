using System.Text;
using System.Text.Json;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.Backfill.Scoring;

namespace PatternQuality.Backfill.Tests.Scoring;

/// <summary>The streamed page reader and the DOM path must map every payload alike.</summary>
public sealed class ScrollPageReaderTests
{
    public static TheoryData<string> Payloads() =>
    [
        """{}""",
        """{"pattern_name": "EffectNode", "code": "async def execute_effect(self):\n    pass", "text": "t", "node_type": "effect", "confidence": 0.5}""",
        """{"code": "", "content_preview": "x = 1", "text": "", "description": "d", "node_types": ["compute", 1], "pattern_confidence": 0.25}""",
        """{"pattern_name": 7, "code": {"nested": [1, {"deep": true}]}, "text": [1, 2], "metadata": "m", "use_cases": {}, "examples": 3, "node_type": false}""",
        """{"confidence": 1e999}""",
        """{"confidence": "high", "pattern_confidence": 0.9}""",
        """{"confidence": null, "pattern_confidence": null}""",
        """{"confidence": 0.0, "pattern_confidence": 0.9}""",
        """{"node_types": [], "metadata": {"complexity": "High", "a": {"complexity": "low"}, "b": [1], "c": null}}""",
        """{"node_types": [null], "metadata": {"complexity": 5}, "use_cases": [[1], {"a": 1}, "x"], "examples": ["e"]}""",
        """{"node_types": "effect", "metadata": null, "use_cases": null}""",
        """{"code": "first", "code": "second", "metadata": {"complexity": "low", "complexity": "high"}}""",
        """{"unknown": {"code": "not this one"}, "code": "\u00e9\ud83d\ude42\n\"quoted\""}""",
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Streamed_and_parsed_payloads_map_to_the_same_pattern(string payload)
    {
        var response = $$"""{"result": {"points": [{"id": 12345, "payload": {{payload}}, "vector": [1, 2]}], "next_page_offset": "0f3c2a9e-5b1d-4c7e-9a8b-1234567890ab"}, "status": "ok", "time": 0.1}""";

        var page = ScrollPageReader.Read(Encoding.UTF8.GetBytes(response));
        var streamed = PatternMapper.FromPayload(page.Points[0].PatternId!.Value, page.Points[0].Payload);
        var parsed = PatternMapper.FromQdrantPoint(JsonDocument.Parse("12345").RootElement, JsonDocument.Parse(payload).RootElement);

        Assert.Equal(parsed.Pattern, streamed.Pattern);
        Assert.Equal(parsed.RejectionReason, streamed.RejectionReason);
        Assert.Equal(parsed.DefaultedFields.Order(), streamed.DefaultedFields.Order());
        Assert.Equal("\"0f3c2a9e-5b1d-4c7e-9a8b-1234567890ab\"", page.NextOffsetJson);
        Assert.Equal("12345", page.Points[0].IdJson);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("\"not-a-uuid\"")]
    [InlineData("{\"a\": 1}")]
    public void Ids_qdrant_would_refuse_have_no_pattern_id(string id)
    {
        var page = ScrollPageReader.Read(Encoding.UTF8.GetBytes("{\"result\": {\"points\": [{\"id\": " + id + "}], \"next_page_offset\": null}}"));

        Assert.Null(page.Points[0].PatternId);
        Assert.Null(page.NextOffsetJson);
    }

    [Fact]
    public void Payloads_omitted_or_null_read_as_empty()
    {
        var page = ScrollPageReader.Read(Encoding.UTF8.GetBytes("""{"result": {"points": [{"id": 1}, {"id": 2, "payload": null}], "next_page_offset": 3}}"""));

        Assert.Equal(2, page.Points.Count);
        Assert.All(page.Points, point => Assert.Equal("unnamed_pattern", PatternMapper.FromPayload(point.PatternId!.Value, point.Payload).Pattern!.PatternName));
        Assert.Equal("3", page.NextOffsetJson);
    }
}
