using System.Diagnostics;
using System.Globalization;
using PatternQuality.Testing;

namespace PatternQuality.Bench;

/// <summary>
/// deploy/images/build.sh fresh (every image of ours removed first) and again with nothing changed; the published
/// compose file from <c>up</c> to the api's first answer, on fresh volumes and after <c>down</c>.
/// </summary>
internal static class ContainerBenchmark
{
    public static async Task ImagesAsync()
    {
        var ours = await LocalImages.DockerAsync("image", "ls", "--filter", "reference=localhost/patternquality-*", "-q");
        foreach (var image in ours.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct())
        {
            await LocalImages.DockerAsync("rmi", "-f", image);
        }

        Console.WriteLine("deploy/images/build.sh");
        Console.WriteLine("| build | s |");
        Console.WriteLine("|---|---|");
        foreach (var build in new[] { "fresh (no image of ours in the engine)", "nothing changed" })
        {
            var run = await LocalImages.RunBuildAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {build} | {run.Elapsed.TotalSeconds:0.0} |"));
        }
    }

    public static async Task ComposeAsync()
    {
        Console.WriteLine("deploy/docker-compose.yaml (docker-compose 1.29), seeded first: `up -d` to the api's first answer");
        Console.WriteLine("| run | up -d returns, s | first answer, s |");
        Console.WriteLine("|---|---|---|");
        await using var compose = await ComposeProject.CreateAsync();
        var seed = await compose.RunAsync("run", "--rm", "backfill", "seed-demo");
        if (seed.ExitCode != 0)
        {
            throw new InvalidOperationException($"seed-demo failed: {seed}");
        }

        foreach (var run in new[] { "after the seeding run (postgres and qdrant up, 017 applied)", "after down (everything recreated, volumes kept)" })
        {
            if (run.StartsWith("after", StringComparison.Ordinal))
            {
                await compose.RunAsync("down");
            }

            var stopwatch = Stopwatch.StartNew();
            var up = await compose.RunAsync("up", "-d");
            var upReturned = stopwatch.Elapsed.TotalSeconds;
            if (up.ExitCode != 0)
            {
                throw new InvalidOperationException($"up failed: {up}");
            }

            await compose.DistributionTotalAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {run} | {upReturned:0.0} | {stopwatch.Elapsed.TotalSeconds:0.0} |"));
        }
    }
}
