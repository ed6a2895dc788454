using System.Text.RegularExpressions;

namespace PatternQuality.AppHost.Tests;

/// <summary>
/// The container form under DCP on a real Docker engine (CI starts its own), with the images deploy/images/build.sh
/// builds here: PostgreSQL and LocalQdrant containers with data volumes, the projects on the host reaching them.
/// </summary>
public sealed class ContainerFormTests
{
    [Fact]
    public async Task The_containers_serve_1085_scores_and_a_second_run_on_the_kept_volumes_stores_nothing_twice()
    {
        await using var ours = OurContainers.New();
        var networks = await OurContainers.NetworksAsync();
        var args = await ours.AppHostArgumentsAsync();
        await using (var first = await TestAppHost.StartAsync(args))
        {
            await first.AssertFinishedWithZeroAsync("migrator");
            await first.AssertFinishedWithZeroAsync("backfill");
            await first.WaitForHealthyAsync("api");
            Assert.Equal(1085, await first.DistributionTotalAsync());
            Assert.Equal(1085, (await first.BackfillSummaryAsync()).Stored);

            var containers = await ours.ListAsync();
            Assert.Equal(2, containers.Count);
            var images = await LocalImages.SettingsAsync();
            Assert.Contains(containers, c => c.Contains(images["AppHost__Images__postgres"], StringComparison.Ordinal));
            Assert.Contains(containers, c => c.Contains(images["AppHost__Images__qdrant"], StringComparison.Ordinal));
            Assert.All(containers, c => Assert.DoesNotContain("0.0.0.0:", c, StringComparison.Ordinal));
            Assert.All(containers, c => Assert.Contains("127.0.0.1:", c, StringComparison.Ordinal));
        }

        await ours.AssertNothingLeftButVolumesAsync(networks);

        await using var second = await TestAppHost.StartAsync(args);
        await second.AssertFinishedWithZeroAsync("migrator");
        await second.AssertFinishedWithZeroAsync("backfill");
        await second.WaitForHealthyAsync("api");
        Assert.Equal(1085, await second.DistributionTotalAsync());
        var migratorConsole = await second.ConsoleAsync("migrator");
        Assert.True(migratorConsole.Any(line => line.Contains("nothing to apply")), string.Join('\n', migratorConsole));
        Assert.Contains(await second.ConsoleAsync("seed-demo"), line => line.Contains("not seeding"));
        var again = await second.BackfillSummaryAsync();
        Assert.Equal((0L, 1085L), (again.Stored, again.Unchanged));
        await second.DisposeAsync();
        await ours.AssertNothingLeftButVolumesAsync(networks);
    }

    [Fact]
    public async Task An_image_that_cannot_be_had_fails_its_resource_in_one_line_with_the_two_ways_out()
    {
        await using var ours = OurContainers.New();
        var args = (await ours.AppHostArgumentsAsync())
            .Select(arg => arg.StartsWith("--AppHost:Images:postgres=", StringComparison.Ordinal) ? "--AppHost:Images:postgres=localhost/patternquality-absent:0" : arg)
            .ToArray();
        await using var app = await TestAppHost.StartAsync(args, awaitEveryStart: false);
        var postgres = (await app.WaitForTerminalAsync("postgres")).Snapshot;
        Assert.Equal(KnownResourceStates.FailedToStart, postgres.State?.Text);
        var line = Assert.Single(await app.ConsoleAsync("postgres"), l => l.Contains("cannot be had", StringComparison.Ordinal));
        Assert.Contains("localhost/patternquality-absent:0", line);
        Assert.Contains("deploy/images/build.sh", line);
        Assert.Contains("AppHost:Servers=local", line);
        Assert.Contains("pull failed", line);
    }

    [Fact]
    public async Task Containers_asked_for_where_no_engine_answers_refuse_the_start_in_one_line_with_the_way_out()
    {
        var dataDirectory = TestAppHost.NewDataDirectory();
        var ours = new OurProcesses();
        try
        {
            using var appHost = AppHostProcess.Start(dataDirectory, ours, serverForm: ["--AppHost:Servers=containers"],
                environment: new Dictionary<string, string> { ["DOCKER_HOST"] = $"unix://{dataDirectory}/no-engine.sock", ["ASPIRE_CONTAINER_RUNTIME"] = "docker" });

            Assert.Equal(1, await appHost.WaitForExitAsync(TimeSpan.FromMinutes(1)));
            var error = Assert.Single(appHost.Output.Split('\n'), line => line.StartsWith("error: ", StringComparison.Ordinal));
            Assert.StartsWith($"error: AppHost:Servers is 'containers' but no container engine answers (docker: Cannot connect to the Docker daemon at unix://{dataDirectory}/no-engine.sock", error);
            Assert.EndsWith("start Docker or Podman, or set AppHost:Servers=local", error);
            Assert.DoesNotContain("   at ", appHost.Output);
            Assert.Empty(await ours.SurvivorsAfterAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            ours.KillAll();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_server_form_is_refused_in_one_line()
    {
        var refusal = await Assert.ThrowsAnyAsync<Exception>(() => TestAppHost.StartAsync(["--AppHost:Servers=kubernetes"]));
        while (refusal.InnerException is { } inner && refusal is not DistributedApplicationException)
        {
            refusal = inner;
        }

        Assert.Equal("AppHost:Servers is 'kubernetes': expected auto, containers or local", refusal.Message);
    }
}
