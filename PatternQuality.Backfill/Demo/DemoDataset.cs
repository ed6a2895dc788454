using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PatternQuality.Backfill.Scoring;
using PatternQuality.Contracts.Qdrant;

namespace PatternQuality.Backfill.Demo;

/// <summary>A demo point: its Qdrant id (integer or UUID), payload and vector.</summary>
public sealed record DemoPoint(string Collection, JsonNode Id, Guid PatternId, JsonObject Payload, float[] Vector, bool HasLineage);

/// <summary>
/// The reference dataset of the migration story: by default 1,065 code_patterns and 20
/// execution_patterns, a few with integer ids, 65 of them with a lineage node. The same seed
/// gives the same points, payloads and lineage on every machine.
/// </summary>
public static class DemoDataset
{
    public const string Marker = "patternquality-demo";
    public const int VectorSize = 8;

    public static readonly IReadOnlyList<string> Collections = ["code_patterns", "execution_patterns"];

    private static readonly string[] NodeTypes = ["effect", "compute", "reducer", "orchestrator", "effect", "compute", "mapper", ""];
    private static readonly string[] Subjects = ["Http", "Retry", "Cache", "Batch", "Stream", "Schema", "Token", "Queue", "Ledger", "Index", "Audit", "Config"];
    private static readonly string[] Complexities = ["low", "medium", "high", "Low", "MEDIUM", ""];
    private static readonly string[] Languages = ["python", "python", "python", "typescript", "rust"];

    private static readonly string[] CodeLines =
    [
        "import asyncio", "from typing import Any", "\"\"\"Node contract and its failure modes.\"\"\"", "# validate the input first",
        "    if not items:", "        return []", "    for item in items:", "    while pending:", "    except TimeoutError:",
        "    result: dict = {}", "def handle(self, request) -> Response:", "    # TODO: tighten the retry budget", "    pass",
        "class Settings:", "    await asyncio.sleep(delay)", "    return result", "    raise NotImplementedError", "    ...",
        "    logger.info('done')  # trace",
    ];

    /// <summary>The points, generated as they are read: code_patterns first, then execution_patterns (<see cref="CollectionSizes"/>).</summary>
    public static IEnumerable<DemoPoint> Generate(int patterns, int withLineage, int seed)
    {
        var random = new Random(seed);
        var codePatterns = CollectionSizes(patterns)[0].Points;
        var lineage = LineagePositions(patterns, Math.Min(withLineage, patterns), seed);
        for (var index = 0; index < patterns; index++)
        {
            var collection = index < codePatterns ? Collections[0] : Collections[1];
            var (id, patternId) = PointIdentity(random, index);
            var (payload, family) = Payload(random, index, seed);
            yield return new DemoPoint(collection, id, patternId, payload, Vector(random, FamilyCenter(seed, family)), lineage.Contains(index));
        }
    }

    /// <summary>How many of <paramref name="patterns"/> points each collection gets, in the order they are generated: 20 in 1,085 are execution_patterns.</summary>
    public static IReadOnlyList<(string Collection, int Points)> CollectionSizes(int patterns)
    {
        var executionCount = (int)Math.Round(patterns * 20.0 / 1085.0);
        return [(Collections[0], patterns - executionCount), (Collections[1], executionCount)];
    }

    /// <summary>Every 97th point has an integer id, as older ingestion wrote them.</summary>
    private static (JsonNode Id, Guid PatternId) PointIdentity(Random random, int index)
    {
        if (index % 97 == 5)
        {
            var number = (ulong)(100_000 + index);
            return (JsonValue.Create(number), PointPatternId.FromInteger(number));
        }

        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var uuid = new Guid(bytes, bigEndian: true);
        return (JsonValue.Create(uuid.ToString("D")), uuid);
    }

    /// <returns>The payload, and its family: the subject its name is made of (Http, Retry, ...).</returns>
    private static (JsonObject Payload, int Family) Payload(Random random, int index, int seed)
    {
        var nodeType = NodeTypes[random.Next(NodeTypes.Length)];
        var family = random.Next(Subjects.Length);
        var subject = Subjects[family];
        var kind = nodeType.Length == 0 ? "Helper" : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(nodeType);
        var name = random.Next(5) == 0 ? $"{subject}{kind}Node" : $"{subject}{kind}";
        var lines = Enumerable.Range(0, 3 + random.Next(25)).Select(_ => CodeLines[random.Next(CodeLines.Length)]).ToList();
        if (nodeType is "effect" or "compute" or "reducer" or "orchestrator" && random.Next(2) == 0)
        {
            var verb = nodeType == "reducer" ? "reduction" : nodeType == "orchestrator" ? "orchestration" : nodeType;
            lines.Insert(0, $"async def execute_{verb}(self, context):");
        }

        var payload = new JsonObject
        {
            ["pattern_name"] = name,
            ["code"] = string.Join('\n', lines),
            ["text"] = $"{name}: {string.Join(' ', Enumerable.Repeat("Handles one step of the pipeline and reports its outcome.", 1 + random.Next(3)))}",
            ["language"] = Languages[random.Next(Languages.Length)],
            ["metadata"] = Metadata(random),
            ["use_cases"] = new JsonArray(Enumerable.Range(0, random.Next(5)).Select(i => (JsonNode?)JsonValue.Create($"use case {i}")).ToArray()),
            ["examples"] = new JsonArray(Enumerable.Range(0, random.Next(4)).Select(i => (JsonNode?)JsonValue.Create($"example {i}")).ToArray()),
            ["seed_marker"] = $"{Marker}:{seed}",
        };

        if (nodeType.Length > 0)
        {
            payload[random.Next(4) == 0 ? "node_types" : "node_type"] = random.Next(4) == 0 ? new JsonArray(nodeType) : nodeType;
        }

        var confidence = Math.Round(random.NextDouble(), 2);
        payload[random.Next(6) == 0 ? "pattern_confidence" : "confidence"] = confidence;
        return (payload, family);
    }

    private static JsonObject Metadata(Random random)
    {
        var metadata = new JsonObject { ["complexity"] = Complexities[random.Next(Complexities.Length)], ["source"] = "ingest" };
        for (var i = random.Next(4); i > 0; i--)
        {
            metadata[$"tag_{i}"] = i;
        }

        return metadata;
    }

    /// <summary>
    /// A point's vector: its family's center plus noise a quarter its size, so that "more like this" finds the same family. It
    /// draws as many numbers from <paramref name="random"/> as before families, so the payloads and scores of a seed stay the same.
    /// </summary>
    private static float[] Vector(Random random, float[] center) =>
        center.Select(c => c + (float)((random.NextDouble() * 2 - 1) * NoiseScale)).ToArray();

    private const double NoiseScale = 0.25;

    /// <summary>Each family's center, the same for the same seed on every machine.</summary>
    private static float[] FamilyCenter(int seed, int family)
    {
        var random = new Random(unchecked(seed * 397 + family + 1));
        return Enumerable.Range(0, VectorSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    private static HashSet<int> LineagePositions(int patterns, int withLineage, int seed)
    {
        var random = new Random(seed ^ 0x5EED);
        var positions = Enumerable.Range(0, patterns).ToArray();
        random.Shuffle(positions);
        return positions.Take(withLineage).ToHashSet();
    }
}
