using System.Diagnostics;
using System.Globalization;
using PatternQuality.Testing;

namespace PatternQuality.Bench;

/// <summary>
/// Coverage kept true at scale: over N scored patterns, the coverage check (an id-only scroll streamed into COPY and compared
/// in PostgreSQL) and an unchanged pass (a run that finds every score current, then checks coverage), each as the backfill's
/// own program with its peak memory, beside the same id-only scroll alone through Qdrant.Client; and the rows the pass wrote.
/// </summary>
public static class CoverageBenchmark
{
    public static async Task RunAsync(int size)
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var database = await cluster.CreateDatabaseAsync("bench_coverage");
        await DatabaseMigrations.ApplyAsync(database);
        await using var qdrant = await LocalQdrantProcess.StartAsync();
        await ProcessRunner.RunCheckedAsync("dotnet",
            [ProjectPrograms.PathOf("PatternQuality.Backfill"), "seed-demo", "--patterns", size.ToString(CultureInfo.InvariantCulture),
             "--with-lineage", "0", "--qdrant-url", qdrant.GrpcUrl.ToString(), "--database-url", database.Url],
            TimeSpan.FromMinutes(30));
        var (first, _, _) = await BackfillAsync(database, qdrant, "run", "--batch-size", "1000");
        Console.WriteLine($"first run over {size:N0} patterns: {first.TotalSeconds:0.00} s");

        var scroll = await TimeAsync(() => ScrollIdsAsync(qdrant, size));
        var (check, checkPeak, _) = await BackfillAsync(database, qdrant, "coverage");

        // The same check with the managed heap capped: it completes only if what it holds does not grow with the points.
        var (capped, cappedPeak, _) = await BackfillAsync(database, qdrant, [("DOTNET_GCHeapHardLimit", "0x4000000")], "coverage");
        var passStart = await database.ScalarAsync<DateTime>("SELECT clock_timestamp()");
        var (pass, passPeak, passOutput) = await BackfillAsync(database, qdrant, "run", "--batch-size", "1000");
        var written = await database.ScalarAsync<long>(
            $"SELECT count(*) FROM pattern_quality_metrics WHERE created_at >= '{passStart:O}' OR updated_at >= '{passStart:O}'");
        var rows = await database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics");
        var stored = passOutput.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith("stored", StringComparison.Ordinal))?.Trim();

        Console.WriteLine();
        Console.WriteLine($"{"patterns",10}  {"what",-56}{"seconds",10}{"points/s",12}{"peak RSS",12}");
        Console.WriteLine(Row(size, "id-only scroll alone (Qdrant.Client, pages of 5,000)", scroll, null));
        Console.WriteLine(Row(size, "coverage check (backfill coverage)", check, checkPeak));
        Console.WriteLine(Row(size, "coverage check, managed heap capped at 64 MiB", capped, cappedPeak));
        Console.WriteLine(Row(size, "unchanged pass (backfill run, coverage after it)", pass, passPeak));
        Console.WriteLine($"rows of pattern_quality_metrics inserted or updated by the unchanged pass: {written} of {rows} (its summary: {stored})");
    }

    private static string Row(int size, string what, TimeSpan elapsed, long? peak) =>
        $"{size,10:N0}  {what,-56}{elapsed.TotalSeconds,10:0.00}{size / elapsed.TotalSeconds,12:N0}" + (peak is { } p ? $"{p / 1048576.0,8:N0} MiB" : "");

    private static async Task ScrollIdsAsync(LocalQdrantProcess qdrant, int expected)
    {
        using var client = new Qdrant.Client.QdrantClient(qdrant.GrpcUrl);
        var seen = 0;
        foreach (var collection in new[] { "code_patterns", "execution_patterns" })
        {
            Qdrant.Client.Grpc.PointId? offset = null;
            do
            {
                var page = await client.ScrollAsync(collection, limit: 5000, offset: offset,
                    payloadSelector: new Qdrant.Client.Grpc.WithPayloadSelector { Enable = false },
                    vectorsSelector: new Qdrant.Client.Grpc.WithVectorsSelector { Enable = false });
                seen += page.Result.Count;
                offset = page.NextPageOffset;
            }
            while (offset is not null);
        }

        if (seen != expected)
        {
            throw new InvalidOperationException($"the id-only scroll saw {seen} points of {expected}");
        }
    }

    private static Task<(TimeSpan Elapsed, long PeakBytes, string Output)> BackfillAsync(TestDatabase database, LocalQdrantProcess qdrant, params string[] args) =>
        BackfillAsync(database, qdrant, [], args);

    private static async Task<(TimeSpan Elapsed, long PeakBytes, string Output)> BackfillAsync(
        TestDatabase database, LocalQdrantProcess qdrant, (string Name, string Value)[] environment, params string[] args)
    {
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        startInfo.ArgumentList.Add(ProjectPrograms.ReadyToRunOf("PatternQuality.Backfill"));
        foreach (var argument in args.Concat(["--database-url", database.Url, "--qdrant-url", qdrant.GrpcUrl.ToString()]))
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = null;
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var peak = 0L;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, ProcessMemory.PeakResidentBytes(process.Id));
            await Task.Delay(20);
        }

        var elapsed = clock.Elapsed;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"backfill {string.Join(' ', args)} failed:\n{await output}");
        }

        return (elapsed, peak, await output);
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        await work();
        return clock.Elapsed;
    }
}
