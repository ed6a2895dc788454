using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PatternQuality.Backfill.Demo;
using PatternQuality.Testing;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace PatternQuality.Bench;

/// <summary>
/// LocalQdrant's writes: the demo's points upserted in batches, each batch persisted before its answer (wait=true),
/// over gRPC (Qdrant.Client, as seed-demo writes) and over REST (HttpClient, the JSON Qdrant's REST API takes), into
/// a fresh collection each; points/s with the store's peak memory. The client's messages are built before the clock starts.
/// </summary>
internal static class LocalQdrantWriteBenchmark
{
    private const double Target = 50_000;

    public static async Task RunAsync(int points, int batchSize)
    {
        var demo = DemoDataset.Generate(points, 0, seed: 42).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LocalQdrant writes: {points:N0} demo points in batches of {batchSize}, wait=true"));
        Console.WriteLine("| transport | seconds | points/s | target 50,000 points/s | store's peak memory, MiB |");
        Console.WriteLine("|---|---|---|---|---|");

        var grpcBatches = demo.Chunk(batchSize).Select(chunk => DemoPoints.ToPointStructs(chunk)).ToList();
        await MeasureAsync("gRPC (Qdrant.Client)", points, async store =>
        {
            var client = new QdrantClient(store.GrpcUrl);
            await client.CreateCollectionAsync("bench", new VectorParams { Size = DemoDataset.VectorSize, Distance = Distance.Cosine });
            return async () =>
            {
                foreach (var batch in grpcBatches)
                {
                    await client.UpsertAsync("bench", batch, wait: true);
                }
            };
        });

        var restBatches = demo.Chunk(batchSize).Select(RestBody).ToList();
        await MeasureAsync("REST (HttpClient)", points, async store =>
        {
            var client = store.CreateClient();
            (await client.PutAsJsonAsync("/collections/bench", new { vectors = new { size = DemoDataset.VectorSize, distance = "Cosine" } })).EnsureSuccessStatusCode();
            return async () =>
            {
                foreach (var body in restBatches)
                {
                    using var content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };
                    (await client.PutAsync("/collections/bench/points?wait=true", content)).EnsureSuccessStatusCode();
                }
            };
        });
    }

    private static async Task MeasureAsync(string transport, int points, Func<LocalQdrantProcess, Task<Func<Task>>> prepare)
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        var write = await prepare(store);
        var clock = Stopwatch.StartNew();
        await write();
        var seconds = clock.Elapsed.TotalSeconds;
        var rate = points / seconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {transport} | {seconds:0.00} | {rate:N0} | {(rate >= Target ? "met" : "missed")} | {ProcessMemory.PeakResidentBytes(store.ProcessId) / 1048576.0:0} |"));
    }

    private static byte[] RestBody(DemoPoint[] chunk) => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["points"] = new JsonArray([.. chunk.Select(point => (JsonNode)new JsonObject
        {
            ["id"] = point.Id.DeepClone(),
            ["vector"] = new JsonArray([.. point.Vector.Select(v => (JsonNode)JsonValue.Create(v))]),
            ["payload"] = point.Payload.DeepClone(),
        })]),
    });
}
