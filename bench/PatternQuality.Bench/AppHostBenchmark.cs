using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PatternQuality.Testing;

namespace PatternQuality.Bench;

/// <summary>
/// The built AppHost on real Aspire (DCP, the dashboard): from its start to every resource ready, cold (a fresh
/// data folder: initdb, migrations, seeding, a full backfill) and warm (the same folder again), then from Ctrl+C
/// to its exit and to the last process of ours (DCP, PostgreSQL, the projects) gone.
/// </summary>
internal static partial class AppHostBenchmark
{
    public static async Task RunAsync(int warmRuns)
    {
        var data = Directory.CreateTempSubdirectory("pq-bench-apphost-").FullName;
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101); // PostgreSQL runs as another user under root
        try
        {
            Console.WriteLine($"AppHost start to every resource ready ({ProjectPrograms.PathOf("PatternQuality.AppHost")})");
            Console.WriteLine("| run | to ready, s (measured outside) | AppHost's own figure, s | Ctrl+C to AppHost exit, s | Ctrl+C to last process gone, s | the chain: started at +s (ran s) |");
            Console.WriteLine("|---|---|---|---|---|---|");
            Print("cold (fresh data folder)", await StartAndStopAsync(data));
            var warm = new List<Run>();
            for (var run = 1; run <= warmRuns; run++)
            {
                warm.Add(await StartAndStopAsync(data));
                Print($"warm {run}", warm[^1]);
            }

            var median = warm.Select(w => w.Ready).Order().ElementAt(warm.Count / 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm median {median:0.00} s (target under 10 s: {(median < 10 ? "met" : "missed")})"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private sealed record Run(double Ready, double Reported, double Exit, double AllGone, string Path);

    private static void Print(string name, Run run) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {run.Ready:0.00} | {run.Reported:0.0} | {run.Exit:0.00} | {run.AllGone:0.00} | {run.Path} |"));

    private static async Task<Run> StartAndStopAsync(string data)
    {
        var ours = new OurProcesses();
        var stopwatch = Stopwatch.StartNew();
        using var appHost = AppHostProcess.Start(data, ours);
        await appHost.WaitForLineAsync("every resource is ready, ", TimeSpan.FromMinutes(5));
        var ready = stopwatch.Elapsed.TotalSeconds;
        var reported = double.Parse(Ready().Match(appHost.Output).Groups[1].Value, CultureInfo.InvariantCulture);
        await Task.Delay(500); // the summary's table follows its first line
        var path = string.Join(", ", ChainLine().Matches(appHost.Output).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}" + (m.Groups[3].Success ? $" ({m.Groups[3].Value})" : "")));

        stopwatch.Restart();
        using (var interrupt = Process.Start("kill", ["-INT", appHost.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        await appHost.WaitForExitAsync(TimeSpan.FromMinutes(1));
        var exit = stopwatch.Elapsed.TotalSeconds;
        var survivors = await ours.SurvivorsAfterAsync(TimeSpan.FromMinutes(1));
        if (survivors.Count > 0)
        {
            throw new InvalidOperationException($"still running a minute after Ctrl+C: {string.Join("; ", survivors)}");
        }

        return new Run(ready, reported, exit, stopwatch.Elapsed.TotalSeconds, path);
    }

    [GeneratedRegex(@"every resource is ready, ([0-9.]+) s after the AppHost started")]
    private static partial Regex Ready();

    /// <summary>A row of the AppHost's summary on the critical path: postgres, migrator, seed-demo, backfill.</summary>
    [GeneratedRegex(@"\n\s+(postgres|migrator|seed-demo|backfill)\s+\S+(?: \(exit \d+\))?\s+started \+([0-9.]+) s(?:, ran ([0-9.]+) s)?")]
    private static partial Regex ChainLine();
}
