using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using PatternQuality.Api.Quality;
using PatternQuality.Testing;

namespace PatternQuality.Bench;

/// <summary>
/// The API under load from wrk (by-id lookups, a page of band=good, the distribution) over
/// 1,000,000 scores, side by side with the same queries issued directly through Npgsql at the
/// same concurrency: the ceiling the API's overhead is measured against.
/// </summary>
public static partial class ApiBenchmark
{
    private static int Concurrency = 4;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(int rows, int connections = 4)
    {
        Concurrency = connections;
        await using var cluster = await PostgresCluster.StartAsync();
        var database = await CreateAsync(cluster, rows);
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString.ConnectionString + ";Max Auto Prepare=20");
        var ids = await database.ColumnAsync<Guid>("SELECT pattern_id FROM pattern_quality_metrics TABLESAMPLE SYSTEM (1) LIMIT 2000");
        var port = LoopbackPort.Free();
        using var api = StartApi(database, port);
        await WaitForHealthAsync(port);
        var script = await WriteIdScriptAsync(ids);

        var results = new List<string>();
        foreach (var (name, path, sql) in Scenarios())
        {
            var url = $"http://127.0.0.1:{port}{path}";
            await WrkAsync(url, name == "by id" ? script : null, TimeSpan.FromSeconds(3));
            var viaApi = await WrkAsync(url, name == "by id" ? script : null, Duration);
            var direct = await DirectAsync(dataSource, sql, ids);
            results.Add($"{name,-22}{"API (wrk)",-16}{viaApi.Rate,12:N0}{viaApi.P50,10:0.00}{viaApi.P99,10:0.00}");
            results.Add($"{"",-22}{"direct Npgsql",-16}{direct.Rate,12:N0}{direct.P50,10:0.00}{direct.P99,10:0.00}   API/direct p50 {viaApi.P50 / direct.P50:0.00}x, rate {direct.Rate / viaApi.Rate:0.00}x");
        }

        // The by-id target is a p99 at 1,000 requests/s: pace each connection (wrk's delay() hook) instead of running flat out.
        var paced = await WritePacedScriptAsync(script, delayMs: 3);
        var atRate = await WrkAsync($"http://127.0.0.1:{port}/patterns/{{id}}/quality", paced, Duration);
        results.Add($"{"by id, paced",-22}{"API (wrk)",-16}{atRate.Rate,12:N0}{atRate.P50,10:0.00}{atRate.P99,10:0.00}   target: p99 < 10 ms at >= 1,000 req/s");

        api.Kill(entireProcessTree: true);
        File.Delete(script);
        File.Delete(paced);
        Console.WriteLine();
        Console.WriteLine($"{rows:N0} scores, {Concurrency} connections, {Duration.TotalSeconds:0} s each");
        Console.WriteLine($"{"query",-22}{"through",-16}{"req/s",12}{"p50 ms",10}{"p99 ms",10}");
        results.ForEach(Console.WriteLine);
    }

    private static IEnumerable<(string Name, string Path, string Sql)> Scenarios() =>
    [
        ("by id", "/patterns/{id}/quality",
            $"SELECT {PatternQualityView.Columns} FROM pattern_quality_metrics WHERE pattern_id = $1"),
        ("page of band=good", "/quality?band=good",
            $"SELECT {PatternQualityView.Columns} FROM pattern_quality_metrics WHERE quality_score >= $1 AND quality_score < $2 ORDER BY quality_score DESC, pattern_id LIMIT 51"),
        ("distribution", "/quality/distribution",
            "SELECT collection, band, patterns, score_sum::float8 FROM pattern_quality_band_counts WHERE patterns <> 0"),
    ];

    internal static async Task<TestDatabase> CreateAsync(PostgresCluster cluster, int rows)
    {
        var database = await cluster.CreateDatabaseAsync("api_bench");
        await DatabaseMigrations.ApplyAsync(database);
        var clock = Stopwatch.StartNew();
        await using var dataSource = database.CreateDataSource();
        foreach (var sql in new[]
        {
            $"""
            INSERT INTO pattern_quality_metrics (pattern_id, quality_score, confidence, measurement_timestamp, version, metadata)
            SELECT md5('pattern-' || i)::uuid, ((i::bigint * 7919) % 1000) / 1000.0, 0.5 + (i % 50) / 100.0, now(), '1.0.0',
                   jsonb_build_object('collection', CASE WHEN i % 50 = 0 THEN 'execution_patterns' ELSE 'code_patterns' END, 'point_id', i,
                                      'completeness_score', 0.9, 'documentation_score', 0.5, 'onex_compliance_score', 0.7,
                                      'metadata_richness_score', 0.3, 'complexity_score', 0.6)
            FROM generate_series(1, {rows}) AS i
            """,
            "VACUUM ANALYZE pattern_quality_metrics",
        })
        {
            await using var command = dataSource.CreateCommand(sql);
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"seeded {rows:N0} scores in {clock.Elapsed.TotalSeconds:0.0} s");
        return database;
    }

    internal static Process StartApi(TestDatabase database, int port)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { ProjectPrograms.PathOf("PatternQuality.Api"), "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        startInfo.Environment["ConnectionStrings__omninode-bridge"] = database.ConnectionString.ConnectionString;
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["Logging__LogLevel__Default"] = "Warning";
        startInfo.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = null;
        var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    internal static async Task WaitForHealthAsync(int port)
    {
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("the API did not become healthy");
    }

    private static async Task<string> WriteIdScriptAsync(IReadOnlyList<Guid> ids)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pq-ids-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(path, $$"""
            ids = { {{string.Join(", ", ids.Select(id => $"\"{id}\""))}} }
            request = function()
              return wrk.format("GET", "/patterns/" .. ids[math.random(#ids)] .. "/quality")
            end
            """);
        return path;
    }

    private static async Task<string> WritePacedScriptAsync(string script, int delayMs)
    {
        var path = script.Replace(".lua", "-paced.lua", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, await File.ReadAllTextAsync(script) + $"\ndelay = function()\n  return {delayMs}\nend\n");
        return path;
    }

    private static async Task<(double Rate, double P50, double P99)> WrkAsync(string url, string? script, TimeSpan duration)
    {
        string[] args = ["-t", Math.Min(2, Concurrency).ToString(CultureInfo.InvariantCulture), "-c", Concurrency.ToString(CultureInfo.InvariantCulture), "-d", $"{duration.TotalSeconds:0}s", "--latency",
            .. script is null ? Array.Empty<string>() : ["-s", script], url.Replace("{id}", "x", StringComparison.Ordinal)];
        var result = await ProcessRunner.RunCheckedAsync("wrk", args, duration + TimeSpan.FromMinutes(1));
        var text = result.StandardOutput;
        if (text.Contains("Non-2xx", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"wrk saw errors:\n{text}");
        }

        return (double.Parse(RequestRate().Match(text).Groups[1].Value, CultureInfo.InvariantCulture),
            Milliseconds(Percentile("50").Match(text)), Milliseconds(Percentile("99").Match(text)));
    }

    private static Regex Percentile(string percent) => new($@"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);

    private static double Milliseconds(Match match)
    {
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    /// <summary>The same query through Npgsql from as many concurrent loops as wrk has connections.</summary>
    private static async Task<(double Rate, double P50, double P99)> DirectAsync(NpgsqlDataSource dataSource, string sql, IReadOnlyList<Guid> ids)
    {
        var latencies = new List<double>[Concurrency];
        var deadline = DateTime.UtcNow + Duration;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            var random = new Random(worker);
            while (DateTime.UtcNow < deadline)
            {
                var start = Stopwatch.GetTimestamp();
                await using var command = dataSource.CreateCommand(sql);
                if (sql.Contains("$2", StringComparison.Ordinal))
                {
                    command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = 0.7 });
                    command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = 0.9 });
                }
                else if (sql.Contains("$1", StringComparison.Ordinal))
                {
                    command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = ids[random.Next(ids.Count)] });
                }

                await using (var reader = await command.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        for (var column = 0; column < reader.FieldCount; column++)
                        {
                            _ = reader.GetValue(column);
                        }
                    }
                }

                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }));

        var all = latencies.SelectMany(l => l).Order().ToList();
        return (all.Count / clock.Elapsed.TotalSeconds, all[all.Count / 2], all[(int)(all.Count * 0.99)]);
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestRate();
}
