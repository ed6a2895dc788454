using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PatternQuality.Testing;

namespace PatternQuality.Bench;

/// <summary>
/// Time from starting the (already built) AppHost to every resource ready, cold (a fresh data folder:
/// initdb, migrations, seeding, a full backfill) and warm (the same folder again), then Ctrl+C to exit.
/// </summary>
internal static partial class AppHostBenchmark
{
    public static async Task RunAsync(int warmRuns)
    {
        var program = ProjectPrograms.PathOf("PatternQuality.AppHost");
        var data = Directory.CreateTempSubdirectory("pq-bench-apphost-").FullName;
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101); // PostgreSQL runs as another user under root
        try
        {
            Console.WriteLine($"AppHost start to every resource ready ({program})");
            Console.WriteLine("| run | to ready, s (measured outside) | AppHost's own figure, s | Ctrl+C to exit, s |");
            Console.WriteLine("|---|---|---|---|");
            var cold = await StartAndStopAsync(program, data);
            Print("cold (fresh data folder)", cold);
            var warm = new List<(double Ready, double Reported, double Stop)>();
            for (var run = 1; run <= warmRuns; run++)
            {
                warm.Add(await StartAndStopAsync(program, data));
                Print($"warm {run}", warm[^1]);
            }

            var median = warm.Select(w => w.Ready).Order().ElementAt(warm.Count / 2);
            Console.WriteLine($"warm median {median:0.00} s (target under 10 s: {(median < 10 ? "met" : "missed")})");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static void Print(string run, (double Ready, double Reported, double Stop) result) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {run} | {result.Ready:0.00} | {result.Reported:0.0} | {result.Stop:0.00} |"));

    private static async Task<(double Ready, double Reported, double Stop)> StartAndStopAsync(string program, string data)
    {
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { program, "--data-dir", data })
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["AppHost__RandomizePorts"] = "true";
        startInfo.Environment["AppHost__Dashboard__Url"] = "http://127.0.0.1:0";
        startInfo.Environment["AppHost__Dashboard__OtlpUrl"] = "http://127.0.0.1:0";
        var ready = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && Ready().Match(line) is { Success: true } match)
            {
                ready.TrySetResult(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
            else if (e.Data?.Contains("failed after", StringComparison.Ordinal) == true)
            {
                ready.TrySetException(new InvalidOperationException($"the AppHost reports a failure: {e.Data}"));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var reported = await ready.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var toReady = stopwatch.Elapsed.TotalSeconds;
        stopwatch.Restart();
        using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        await process.WaitForExitAsync();
        return (toReady, reported, stopwatch.Elapsed.TotalSeconds);
    }

    [GeneratedRegex(@"every resource is ready after ([0-9.]+) s")]
    private static partial Regex Ready();
}
