using System.Diagnostics;
using System.Text;
using Npgsql;
using PatternQuality.Api.Quality;
using PatternQuality.Testing;

namespace PatternQuality.Bench;

/// <summary>
/// The batch lookup of 150 pattern ids (the original consumer's two searches, 50 and 100) over N scores: POST /quality/lookup
/// one request at a time, beside the same statement issued directly through Npgsql, p50 and p99 of each; 100 of each set
/// have a score, 50 do not.
/// </summary>
public static class LookupBenchmark
{
    private const int Requests = 2_000;
    private const int Warmup = 200;

    public static async Task RunAsync(int rows)
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var database = await ApiBenchmark.CreateAsync(cluster, rows);
        var scored = await database.ColumnAsync<Guid>("SELECT pattern_id FROM pattern_quality_metrics TABLESAMPLE SYSTEM (5) LIMIT 20000");
        var random = new Random(7);
        var sets = Enumerable.Range(0, Requests + Warmup)
            .Select(_ => Enumerable.Range(0, 100).Select(_ => scored[random.Next(scored.Count)]).Concat(Enumerable.Range(0, 50).Select(_ => Guid.NewGuid())).ToArray())
            .ToList();

        var port = LoopbackPort.Free();
        using var api = ApiBenchmark.StartApi(database, port);
        await ApiBenchmark.WaitForHealthAsync(port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var viaApi = await TimeEachAsync(sets, async ids =>
        {
            var body = new StringBuilder("{\"pattern_ids\":[").AppendJoin(',', ids.Select(id => $"\"{id}\"")).Append("]}").ToString();
            using var response = await http.PostAsync("/quality/lookup", new StringContent(body, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        });

        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString.ConnectionString + ";Max Auto Prepare=20");
        var direct = await TimeEachAsync(sets, async ids =>
        {
            await using var command = dataSource.CreateCommand(
                $"SELECT {PatternQualityView.Columns} FROM pattern_quality_metrics WHERE pattern_id = ANY($1) ORDER BY pattern_id");
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                _ = PatternQualityView.Read(reader);
            }
        });

        api.Kill(entireProcessTree: true);
        Console.WriteLine();
        Console.WriteLine($"{rows:N0} scores, lookups of 150 ids (100 scored), {Requests:N0} one at a time after {Warmup} to warm up");
        Console.WriteLine($"{"through",-36}{"p50 ms",10}{"p99 ms",10}");
        Console.WriteLine($"{"API: POST /quality/lookup",-36}{viaApi.P50,10:0.00}{viaApi.P99,10:0.00}");
        Console.WriteLine($"{"direct Npgsql, the same statement",-36}{direct.P50,10:0.00}{direct.P99,10:0.00}   API/direct p99 {viaApi.P99 / direct.P99:0.00}x");
    }

    private static async Task<(double P50, double P99)> TimeEachAsync(List<Guid[]> sets, Func<Guid[], Task> lookup)
    {
        var times = new List<double>();
        foreach (var (ids, i) in sets.Select((ids, i) => (ids, i)))
        {
            var clock = Stopwatch.StartNew();
            await lookup(ids);
            if (i >= Warmup)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return (times[times.Count / 2], times[(int)(times.Count * 0.99)]);
    }
}
