using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.Backfill.Runs;
using PatternQuality.Testing;

namespace PatternQuality.Bench;

/// <summary>
/// The backfill end to end with 1, 2 and 4 workers (local store over gRPC, real PostgreSQL, delay 0) against binary COPY of the
/// same rows into the same table (the ceiling) and one INSERT per pattern (the original way); and the scroll
/// alone, the same points paged through REST (HttpClient and System.Text.Json), through Qdrant.Client and through the backfill's own reader.
/// </summary>
public static class BackfillBenchmark
{
    private static readonly int[] Workers = [1, 2, 4];

    /// <summary>COPY and one worker, the pair the bar compares, alternate this many times: one run of each moved by a third between sessions.</summary>
    private const int Rounds = 3;

    public static async Task RunAsync(IReadOnlyList<int> sizes, int batchSize)
    {
        var results = new List<string>();
        await using var cluster = await PostgresCluster.StartAsync();
        foreach (var size in sizes)
        {
            var database = await CreateDatabaseAsync(cluster, $"bench_{size}");
            await using var qdrant = await LocalQdrantProcess.StartAsync();
            await SeedAsync(database, qdrant, size);
            var rows = await ScoreEverythingAsync(qdrant, batchSize);
            var restScroll = await TimeAsync(() => ScrollRestAsync(qdrant, batchSize, size));
            var clientScroll = await TimeAsync(() => ScrollQdrantClientAsync(qdrant, batchSize, size));
            var wireScroll = await TimeAsync(() => ScrollWireAsync(qdrant, batchSize, size));
            await using var dataSource = database.CreateDataSource();

            var copies = new List<TimeSpan>();
            var singles = new List<(TimeSpan Elapsed, long PeakBytes)>();
            for (var round = 1; round <= Rounds; round++)
            {
                copies.Add(await TimeAsync(() => CopyAsync(dataSource, rows)));
                singles.Add(await BackfillAsync(dataSource, database, qdrant, batchSize, 1, size));
                Console.WriteLine($"  round {round}: COPY {copies[^1].TotalSeconds:0.00} s, one worker {singles[^1].Elapsed.TotalSeconds:0.00} s, "
                    + $"{copies[^1] / singles[^1].Elapsed:0.00} of COPY");
            }

            var copy = Median(copies);
            var perRow = await TimeAsync(() => InsertOneByOneAsync(dataSource, rows));
            var backfills = new List<(int Workers, TimeSpan Elapsed, long PeakBytes)> { (1, Median(singles.Select(s => s.Elapsed)), singles.Max(s => s.PeakBytes)) };
            foreach (var workers in Workers.Skip(1))
            {
                var (elapsed, peakBytes) = await BackfillAsync(dataSource, database, qdrant, batchSize, workers, size);
                backfills.Add((workers, elapsed, peakBytes));
            }

            results.Add(Row(size, $"COPY (binary) of the same rows, median of {Rounds}", copy, size, copy, null));
            results.Add(Row(size, "one INSERT per pattern (original)", perRow, size, copy, null));
            results.AddRange(backfills.Select(b => Row(size, $"backfill, {b.Workers} worker(s), batch {batchSize}{(b.Workers == 1 ? $", median of {Rounds}" : "")}",
                b.Elapsed, size, copy, b.PeakBytes)));
            results.Add(Row(size, "scroll alone: REST, HttpClient + STJ", restScroll, size, copy, null));
            results.Add(Row(size, "scroll alone: gRPC, Qdrant.Client's model", clientScroll, size, copy, null));
            results.Add(Row(size, "scroll alone: gRPC, the backfill's reader", wireScroll, size, copy, null));
        }

        Console.WriteLine();
        Console.WriteLine($"{"patterns",10}  {"method",-50}{"seconds",10}{"rows/s",12}{"vs COPY",10}{"peak RSS per worker",22}");
        foreach (var line in results)
        {
            Console.WriteLine(line);
        }
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task<(TimeSpan Elapsed, long PeakBytes)> BackfillAsync(
        NpgsqlDataSource dataSource, TestDatabase database, LocalQdrantProcess qdrant, int batchSize, int workers, int size)
    {
        var result = await BackfillProcessesAsync(dataSource, database, qdrant, batchSize, workers);
        await EnsureStoredAsync(dataSource, size);
        return result;
    }

    private static string Row(int size, string method, TimeSpan elapsed, int rows, TimeSpan copy, long? peakBytes) =>
        $"{size,10:N0}  {method,-50}{elapsed.TotalSeconds,10:0.00}{rows / elapsed.TotalSeconds,12:N0}{copy.TotalSeconds / elapsed.TotalSeconds,10:0.00}"
        + (peakBytes is { } peak ? $"{peak / 1048576.0,9:N0} MiB" : "");

    private static async Task<TestDatabase> CreateDatabaseAsync(PostgresCluster cluster, string name)
    {
        var database = await cluster.CreateDatabaseAsync(name);
        await DatabaseMigrations.ApplyAsync(database);
        return database;
    }

    private static async Task SeedAsync(TestDatabase database, LocalQdrantProcess qdrant, int size)
    {
        var clock = Stopwatch.StartNew();
        await ProcessRunner.RunCheckedAsync("dotnet",
            [ProjectPrograms.PathOf("PatternQuality.Backfill"), "seed-demo", "--patterns", size.ToString(CultureInfo.InvariantCulture),
             "--with-lineage", "0", "--qdrant-url", qdrant.GrpcUrl.ToString(), "--database-url", database.Url],
            TimeSpan.FromMinutes(30));
        Console.WriteLine($"seeded {size:N0} patterns into the local store in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The rows the backfill would write, computed up front so COPY and INSERT measure the database alone.</summary>
    private static async Task<List<ScoredPattern>> ScoreEverythingAsync(LocalQdrantProcess qdrant, int batchSize)
    {
        var rows = new List<ScoredPattern>();
        await ScrollWireAsync(qdrant, batchSize, (collection, sequence, page) => rows.AddRange(BatchScorer.Score(collection, 0, sequence, page, null, null).Rows));
        return rows;
    }

    /// <summary>Every point with its payload through REST, each page parsed by System.Text.Json and every payload visited.</summary>
    private static async Task ScrollRestAsync(LocalQdrantProcess qdrant, int batchSize, int expected)
    {
        using var http = qdrant.CreateClient();
        var seen = 0;
        foreach (var collection in new[] { "code_patterns", "execution_patterns" })
        {
            string? offset = null;
            do
            {
                var body = $"{{\"limit\":{batchSize},\"with_payload\":true,\"with_vector\":false{(offset is null ? "" : $",\"offset\":{offset}")}}}";
                using var response = await http.PostAsync($"collections/{collection}/points/scroll", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
                response.EnsureSuccessStatusCode();
                using var page = await System.Text.Json.JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
                var result = page.RootElement.GetProperty("result");
                foreach (var point in result.GetProperty("points").EnumerateArray())
                {
                    seen += point.GetProperty("payload").EnumerateObject().Any() ? 1 : 0;
                }

                offset = result.GetProperty("next_page_offset") is { ValueKind: not System.Text.Json.JsonValueKind.Null } next ? next.GetRawText() : null;
            }
            while (offset is not null);
        }

        Expect(seen, expected, "REST scroll");
    }

    /// <summary>The same points and payloads through Qdrant.Client's ScrollAsync.</summary>
    private static async Task ScrollQdrantClientAsync(LocalQdrantProcess qdrant, int batchSize, int expected)
    {
        using var client = new Qdrant.Client.QdrantClient(qdrant.GrpcUrl);
        var seen = 0;
        foreach (var collection in new[] { "code_patterns", "execution_patterns" })
        {
            Qdrant.Client.Grpc.PointId? offset = null;
            do
            {
                var page = await client.ScrollAsync(collection, limit: (uint)batchSize, offset: offset);
                seen += page.Result.Count(point => point.Payload.Count > 0);
                offset = page.NextPageOffset;
            }
            while (offset is not null);
        }

        Expect(seen, expected, "gRPC scroll");
    }

    /// <summary>The same points and payloads as the backfill reads them: the scroll answer read from the wire into its fields.</summary>
    private static async Task ScrollWireAsync(LocalQdrantProcess qdrant, int batchSize, int expected)
    {
        var seen = 0;
        await ScrollWireAsync(qdrant, batchSize, (_, _, page) => seen += page.Points.Count);
        Expect(seen, expected, "the backfill's scroll");
    }

    private static async Task ScrollWireAsync(LocalQdrantProcess qdrant, int batchSize, Action<string, int, ScrollPage> visit)
    {
        var client = new QdrantPatterns(QdrantClientExtensions.CreateInvoker(qdrant.GrpcUrl), QdrantRetry.Create(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));
        foreach (var collection in new[] { "code_patterns", "execution_patterns" })
        {
            string? offset = null;
            var sequence = 0;
            do
            {
                var page = await client.ScrollAsync(collection, offset, batchSize, CancellationToken.None);
                visit(collection, sequence++, page);
                offset = page.NextOffsetJson;
            }
            while (offset is not null);
        }
    }

    private static void Expect(int seen, int expected, string what)
    {
        if (seen != expected)
        {
            throw new InvalidOperationException($"{what} saw {seen} payloads of {expected}");
        }
    }

    private static async Task CopyAsync(NpgsqlDataSource dataSource, List<ScoredPattern> rows)
    {
        await TruncateAsync(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var import = await connection.BeginBinaryImportAsync(
            "COPY pattern_quality_metrics (pattern_id, quality_score, confidence, measurement_timestamp, version, metadata) FROM STDIN (FORMAT BINARY)");
        var now = DateTime.UtcNow;
        foreach (var row in rows)
        {
            await import.StartRowAsync();
            await import.WriteAsync(row.PatternId, NpgsqlDbType.Uuid);
            await import.WriteAsync(row.QualityScore, NpgsqlDbType.Double);
            await import.WriteAsync(row.Confidence, NpgsqlDbType.Double);
            await import.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await import.WriteAsync("1.0.0", NpgsqlDbType.Varchar);
            await import.WriteAsync(row.MetadataJson, NpgsqlDbType.Jsonb);
        }

        await import.CompleteAsync();
    }

    private static async Task InsertOneByOneAsync(NpgsqlDataSource dataSource, List<ScoredPattern> rows)
    {
        await TruncateAsync(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync();
        foreach (var row in rows)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO pattern_quality_metrics (pattern_id, quality_score, confidence, measurement_timestamp, version, metadata)
                VALUES ($1, $2, $3, now(), '1.0.0', $4::jsonb)
                ON CONFLICT (pattern_id) DO UPDATE SET quality_score = excluded.quality_score, confidence = excluded.confidence,
                    measurement_timestamp = excluded.measurement_timestamp, metadata = excluded.metadata
                """, connection)
            {
                Parameters = { new() { Value = row.PatternId }, new() { Value = row.QualityScore }, new() { Value = row.Confidence }, new() { Value = row.MetadataJson } },
            };
            await insert.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// That many <c>backfill run</c> processes (as the AppHost starts them: the ReadyToRun copy) from an empty table; beyond one, they share one run by name, each
    /// starting at its own index. The time is until the last exits; the memory, the largest peak of any one of them.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, long PeakBytes)> BackfillProcessesAsync(
        NpgsqlDataSource dataSource, TestDatabase database, LocalQdrantProcess qdrant, int batchSize, int workers)
    {
        await TruncateAsync(dataSource);
        var runName = $"bench-{workers}-{Guid.NewGuid():N}";
        var clock = Stopwatch.StartNew();
        var processes = Enumerable.Range(0, workers).Select(index => StartWorker(database, qdrant, batchSize, workers == 1 ? null : (runName, index))).ToList();
        var outputs = processes.Select(p => p.StandardOutput.ReadToEndAsync()).ToList();
        var peak = 0L;
        while (processes.Any(p => !p.HasExited))
        {
            peak = processes.Where(p => !p.HasExited).Select(p => ProcessMemory.PeakResidentBytes(p.Id)).Append(peak).Max();
            await Task.Delay(20);
        }

        var elapsed = clock.Elapsed;
        foreach (var (process, output) in processes.Zip(outputs))
        {
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"backfill failed:\n{await output}");
            }

            process.Dispose();
        }

        var summary = (await outputs[^1]).Split('\n').FirstOrDefault(l => l.StartsWith("processed", StringComparison.Ordinal));
        Console.WriteLine($"  backfill with {workers} worker(s) says: {summary?.Trim()}");
        return (elapsed, peak);
    }

    private static Process StartWorker(TestDatabase database, LocalQdrantProcess qdrant, int batchSize, (string Name, int Index)? run)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                ProjectPrograms.ReadyToRunOf("PatternQuality.Backfill"), "run", "--batch-size", batchSize.ToString(CultureInfo.InvariantCulture),
                "--database-url", database.Url, "--qdrant-url", qdrant.GrpcUrl.ToString(),
            },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (run is var (name, index))
        {
            foreach (var argument in new[] { "--run-name", name, "--worker-index", index.ToString(CultureInfo.InvariantCulture) })
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        startInfo.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = null;
        return Process.Start(startInfo)!;
    }

    private static async Task EnsureStoredAsync(NpgsqlDataSource dataSource, int size)
    {
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM pattern_quality_metrics");
        var stored = (long)(await count.ExecuteScalarAsync())!;
        if (stored != size)
        {
            throw new InvalidOperationException($"the backfill stored {stored} rows of {size}");
        }
    }

    private static async Task TruncateAsync(NpgsqlDataSource dataSource)
    {
        // The checkpoint starts every arm with no WAL behind it, so none pays for the one before it (COPY still varies at 1M).
        foreach (var sql in new[] { "TRUNCATE pattern_quality_metrics", "DELETE FROM backfill_runs", "VACUUM ANALYZE pattern_quality_metrics", "CHECKPOINT" })
        {
            await using var command = dataSource.CreateCommand(sql);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        await work();
        return clock.Elapsed;
    }
}
