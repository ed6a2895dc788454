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
/// a fresh collection each; points/s with the store's peak memory. The client's messages are built before the clock starts,
/// and the same writes go once into a warm-up collection first, so that client and store run compiled code, not the JIT.
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
            return async collection =>
            {
                await client.CreateCollectionAsync(collection, new VectorParams { Size = DemoDataset.VectorSize, Distance = Distance.Cosine });
                return async () =>
                {
                    foreach (var batch in grpcBatches)
                    {
                        await client.UpsertAsync(collection, batch, wait: true);
                    }
                };
            };
        });

        var restBatches = demo.Chunk(batchSize).Select(RestBody).ToList();
        await MeasureAsync("REST (HttpClient)", points, store =>
        {
            var client = store.CreateClient();
            return Task.FromResult<Func<string, Task<Func<Task>>>>(async collection =>
            {
                (await client.PutAsJsonAsync($"/collections/{collection}", new { vectors = new { size = DemoDataset.VectorSize, distance = "Cosine" } })).EnsureSuccessStatusCode();
                return async () =>
                {
                    foreach (var body in restBatches)
                    {
                        using var content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };
                        (await client.PutAsync($"/collections/{collection}/points?wait=true", content)).EnsureSuccessStatusCode();
                    }
                };
            });
        });
    }

    /// <param name="prepare">Given the store, a way to create a collection and the writes into it.</param>
    private static async Task MeasureAsync(string transport, int points, Func<LocalQdrantProcess, Task<Func<string, Task<Func<Task>>>>> prepare)
    {
        await using var store = await LocalQdrantProcess.StartAsync();
        var writesInto = await prepare(store);
        await (await writesInto("warmup"))();
        var write = await writesInto("bench");
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
