using System.Text.Json;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging.Abstractions;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.Backfill.Scoring;

namespace PatternQuality.Backfill.Tests.Scoring;

/// <summary>
/// A payload written over REST and read back over gRPC (<see cref="QdrantPatterns"/>, <see cref="ScrollResponseWire"/>) maps to the same pattern
/// as the same JSON read directly: the mapping rules exist once, whichever way a payload arrives.
/// </summary>
public sealed class ScrolledPayloadFieldsTests
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
        """{"confidence": 1, "pattern_confidence": 9007199254740993}""",
        """{"node_types": [], "metadata": {"complexity": "High", "a": {"complexity": "low"}, "b": [1], "c": null}}""",
        """{"node_types": [null], "metadata": {"complexity": 5}, "use_cases": [[1], {"a": 1}, "x"], "examples": ["e"]}""",
        """{"node_types": "effect", "metadata": null, "use_cases": null}""",
        """{"unknown": {"code": "not this one"}, "code": "\u00e9\ud83d\ude42\n\"quoted\""}""",
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_payload_read_over_grpc_maps_as_the_json_it_was_written_as(string payload)
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        using var http = store.CreateClient();
        await QdrantTestData.CreateCollectionAsync(http, "c");
        using var upsert = await QdrantTestData.UpsertAsync(http, "c", $$"""[{"id": 12345, "vector": [1, 0], "payload": {{payload}}}, {"id": "0f3c2a9e-5b1d-4c7e-9a8b-1234567890ab", "vector": [1, 0]}]""");
        Assert.True(upsert.IsSuccessStatusCode, await upsert.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var channel = GrpcChannel.ForAddress(store.GrpcUrl);
        var patterns = new QdrantPatterns(channel.CreateCallInvoker(), QdrantRetry.Create(NullLogger.Instance));

        var page = await patterns.ScrollAsync("c", null, 1, TestContext.Current.CancellationToken);

        var streamed = PatternMapper.FromPayload(page.Points[0].PatternId!.Value, page.Points[0].Payload);
        var parsed = PatternMapper.FromQdrantPoint(JsonDocument.Parse("12345").RootElement, JsonDocument.Parse(payload).RootElement);
        Assert.Equal(parsed.Pattern, streamed.Pattern);
        Assert.Equal(parsed.RejectionReason, streamed.RejectionReason);
        Assert.Equal(parsed.DefaultedFields.Order(), streamed.DefaultedFields.Order());
        Assert.Equal("12345", page.Points[0].IdJson);
        Assert.Equal("\"0f3c2a9e-5b1d-4c7e-9a8b-1234567890ab\"", page.NextOffsetJson);

        var last = await patterns.ScrollAsync("c", page.NextOffsetJson, 10, TestContext.Current.CancellationToken);

        Assert.Equal("unnamed_pattern", PatternMapper.FromPayload(last.Points[0].PatternId!.Value, last.Points[0].Payload).Pattern!.PatternName);
        Assert.Null(last.NextOffsetJson);
    }
}
