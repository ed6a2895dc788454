using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PatternQuality.Testing;

namespace PatternQuality.Bench;

/// <summary>
/// The built AppHost on real Aspire (DCP, the dashboard), in its local form (the baseline) and its container form (the
/// images of deploy/images/build.sh): from its start to every resource ready, cold (a fresh data folder or fresh
/// volumes: initdb, migrations, seeding, a full backfill) and warm (the same again), then from Ctrl+C to its exit and
/// to the last process and container of ours gone.
/// </summary>
internal static partial class AppHostBenchmark
{
    /// <param name="forms">local, containers, or both (the default: the container form is compared with the local one)</param>
    public static async Task RunAsync(int warmRuns, string forms = "both")
    {
        Console.WriteLine($"AppHost start to every resource ready ({ProjectPrograms.PathOf("PatternQuality.AppHost")})");
        Console.WriteLine("| form | run | to ready, s (measured outside) | AppHost's own figure, s | Ctrl+C to AppHost exit, s | Ctrl+C to nothing of ours left, s | the chain: started at +s (ran s) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var local = await RunFormAsync("local", warmRuns, null);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm median: local {local:0.00} s (target under 8 s: {(local < 8 ? "met" : "missed")})"));
        if (forms == "local")
        {
            return;
        }

        var containers = await RunFormAsync("containers", warmRuns, OurContainers.New());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warm median: local {local:0.00} s, containers {containers:0.00} s, {containers / local:0.00}x the local form (target within 1.5x: {(containers <= 1.5 * local ? "met" : "missed")})"));
    }

    /// <summary>A cold run (a fresh data folder, or fresh volumes), then the warm ones on what it kept; the warm median.</summary>
    private static async Task<double> RunFormAsync(string form, int warmRuns, OurContainers? containers)
    {
        var data = Directory.CreateTempSubdirectory("pq-bench-apphost-").FullName;
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101); // PostgreSQL runs as another user under root
        try
        {
            var serverForm = containers is null ? null : await containers.AppHostArgumentsAsync();
            Print(form, containers is null ? "cold (fresh data folder)" : "cold (fresh volumes)", await StartAndStopAsync(data, serverForm, containers));
            var warm = new List<Run>();
            for (var run = 1; run <= warmRuns; run++)
            {
                warm.Add(await StartAndStopAsync(data, serverForm, containers));
                Print(form, $"warm {run}", warm[^1]);
            }

            return warm.Select(w => w.Ready).Order().ElementAt(warm.Count / 2);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
            if (containers is not null)
            {
                await containers.DisposeAsync();
            }
        }
    }

    private sealed record Run(double Ready, double Reported, double Exit, double AllGone, string Path);

    private static void Print(string form, string name, Run run) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {form} | {name} | {run.Ready:0.00} | {run.Reported:0.0} | {run.Exit:0.00} | {run.AllGone:0.00} | {run.Path} |"));

    private static async Task<Run> StartAndStopAsync(string data, string[]? serverForm, OurContainers? containers)
    {
        var ours = new OurProcesses();
        var stopwatch = Stopwatch.StartNew();
        using var appHost = AppHostProcess.Start(data, ours, serverForm: serverForm);
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

        while (containers is not null && (await containers.ListAsync()).Count > 0)
        {
            await Task.Delay(100);
        }

        return new Run(ready, reported, exit, stopwatch.Elapsed.TotalSeconds, path);
    }

    [GeneratedRegex(@"every resource is ready, ([0-9.]+) s after the AppHost started")]
    private static partial Regex Ready();

    /// <summary>A row of the AppHost's summary on the critical path: postgres, migrator, seed-demo, backfill.</summary>
    [GeneratedRegex(@"\n\s+(postgres|migrator|seed-demo|backfill)\s+\S+(?: \(exit \d+\))?\s+started \+([0-9.]+) s(?:, ran ([0-9.]+) s)?")]
    private static partial Regex ChainLine();
}
