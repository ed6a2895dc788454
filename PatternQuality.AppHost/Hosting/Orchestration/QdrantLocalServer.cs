using System.Globalization;

namespace PatternQuality.AppHost.Hosting.Orchestration;

/// <summary>
/// Qdrant as a local process: a <c>qdrant</c> binary from PATH when there is one, else
/// PatternQuality.LocalQdrant, the project's Qdrant-compatible REST store (no gRPC, no search),
/// which is named as such wherever it shows.
/// </summary>
internal static class QdrantLocalServer
{
    public const string LocalStoreDescription = "PatternQuality.LocalQdrant: a Qdrant-compatible REST store, not Qdrant (no gRPC, no vector search)";

    public static string? FindQdrantBinary() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "qdrant"))
            .FirstOrDefault(File.Exists);

    public static (ProcessSpec Spec, string Description) Command(
        QdrantServerResource qdrant, string dataDirectory, string apiKey, string? qdrantBinary, ProjectOutputs outputs)
    {
        var http = qdrant.HttpEndpoint.Annotation.Allocated!.Port.ToString(CultureInfo.InvariantCulture);
        var grpc = qdrant.PrimaryEndpoint.Annotation.Allocated!.Port.ToString(CultureInfo.InvariantCulture);
        if (qdrantBinary is not null)
        {
            var storage = Path.Combine(dataDirectory, "qdrant-server");
            Directory.CreateDirectory(storage);
            return (new ProcessSpec(qdrantBinary, [], storage, new Dictionary<string, string?>
            {
                ["QDRANT__SERVICE__HOST"] = "127.0.0.1",
                ["QDRANT__SERVICE__HTTP_PORT"] = http,
                ["QDRANT__SERVICE__GRPC_PORT"] = grpc,
                ["QDRANT__SERVICE__API_KEY"] = apiKey,
                ["QDRANT__STORAGE__STORAGE_PATH"] = Path.Combine(storage, "storage"),
                ["QDRANT__STORAGE__SNAPSHOTS_PATH"] = Path.Combine(storage, "snapshots"),
                ["QDRANT__TELEMETRY_DISABLED"] = "true",
            }), $"qdrant binary {qdrantBinary}");
        }

        var store = outputs.ProgramOf("PatternQuality.LocalQdrant");
        return (new ProcessSpec("dotnet", [store, "--urls", $"http://127.0.0.1:{http}", "--data", Path.Combine(dataDirectory, "qdrant")],
            Path.GetDirectoryName(store)!, new Dictionary<string, string?>
            {
                ["QDRANT__SERVICE__API_KEY"] = apiKey,
                ["QDRANT__SERVICE__READ_ONLY_API_KEY"] = null,
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
            }), LocalStoreDescription);
    }
}
