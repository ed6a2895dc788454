using System.Diagnostics;
using System.Text.Json;
using PatternQuality.Backfill.Demo;
using PatternQuality.Backfill.Scoring;

namespace PatternQuality.Bench;

/// <summary>The scorer alone on one thread, against the Python port of the reference rules on the same patterns.</summary>
public static class ScorerBenchmark
{
    public static async Task RunAsync(int patterns)
    {
        var points = DemoDataset.Generate(patterns, 0, seed: 7).ToList();
        var mapped = points
            .Select(p => PatternMapper.FromQdrantPoint(JsonSerializer.SerializeToElement(p.Id), JsonSerializer.SerializeToElement(p.Payload)).Pattern!)
            .ToList();

        var checksum = 0.0;
        for (var warmup = 0; warmup < 2; warmup++)
        {
            foreach (var pattern in mapped)
            {
                checksum += PatternScorer.Score(pattern).Composite;
            }
        }

        var clock = Stopwatch.StartNew();
        const int rounds = 5;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var pattern in mapped)
            {
                checksum += PatternScorer.Score(pattern).Composite;
            }
        }

        var dotnetRate = rounds * mapped.Count / clock.Elapsed.TotalSeconds;
        var input = Path.GetTempFileName();
        await File.WriteAllTextAsync(input, "[" + string.Join(',', points.Select(p => MappedJson(p))) + "]");
        var python = await PythonReferenceAsync(input);
        File.Delete(input);

        Console.WriteLine($"scorer, {mapped.Count:N0} demo patterns, one thread (checksum {checksum:0.000})");
        Console.WriteLine($"  {"PatternQuality scorer (.NET)",-40}{dotnetRate,14:N0} patterns/s");
        Console.WriteLine($"  {"reference rules in Python (baseline)",-40}{python.Rate,14:N0} patterns/s   composite sum {python.Sum:0.000} vs {checksum / (rounds + 2):0.000}");
        Console.WriteLine($"  target 370,000 patterns/s: {(dotnetRate >= 370_000 ? "met" : "NOT met")}; "
            + $"{dotnetRate / python.Rate:0.0}x the Python rendering (10x wanted): {(dotnetRate >= 10 * python.Rate ? "met" : "NOT met")}");
    }

    private static string MappedJson(DemoPoint point)
    {
        var mapped = PatternMapper.FromQdrantPoint(JsonSerializer.SerializeToElement(point.Id), JsonSerializer.SerializeToElement(point.Payload)).Pattern!;
        var payload = point.Payload;
        return JsonSerializer.Serialize(new
        {
            pattern_id = mapped.PatternId.ToString(),
            pattern_name = mapped.PatternName,
            code = mapped.Code,
            text = mapped.Text,
            metadata = payload["metadata"],
            node_type = mapped.NodeType,
            use_cases = payload["use_cases"],
            examples = payload["examples"],
            confidence = mapped.Confidence,
        });
    }

    private static async Task<(double Rate, double Sum)> PythonReferenceAsync(string input)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "reference_scorer.py");
        var result = await PatternQuality.Testing.ProcessRunner.RunAsync("python3", [script, input], TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"the Python baseline failed: {result}");
        }

        var parts = result.StandardOutput.Trim().Split(' ');
        return (double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
