using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace PatternQuality.AppHost.Tests;

/// <summary>
/// deploy/docker-compose.yaml run as published, by Debian's docker-compose on a real engine (CI starts its own), with
/// the images deploy/images/build.sh builds and the secrets from the environment, as an operator runs it.
/// </summary>
public sealed class ComposeRunTests
{
    [Fact]
    public async Task Up_migrates_before_the_backfill_and_api_start_serves_1085_scores_and_down_then_up_keeps_them()
    {
        await using var compose = await ComposeProject.CreateAsync();

        // Seeding a staging Qdrant is the operator's command, not a service of the file.
        var seed = await compose.RunAsync("run", "--rm", "backfill", "seed-demo");
        Assert.True(seed.ExitCode == 0, $"{seed}\n{await compose.ServiceLogsAsync()}");
        Assert.Contains("seeded 1065 points into code_patterns", seed.StandardOutput);

        await compose.UpAsync();
        Assert.Equal(0, await compose.WaitForExitAsync("backfill"));
        Assert.Matches(new Regex(@"\bstored\s+1085\b"), await compose.LogsAsync("backfill"));
        Assert.Equal(1085, await compose.DistributionTotalAsync());

        var migrator = await compose.StateAsync("migrator");
        Assert.Equal(0, migrator.GetProperty("ExitCode").GetInt32());
        var migratorFinished = migrator.GetProperty("FinishedAt").GetDateTimeOffset();
        Assert.True((await compose.StateAsync("backfill")).GetProperty("StartedAt").GetDateTimeOffset() > migratorFinished, "the backfill starts after the migrator completed");
        Assert.True((await compose.StateAsync("api")).GetProperty("StartedAt").GetDateTimeOffset() > migratorFinished, "the api starts after the migrator completed");
        Assert.Equal($"127.0.0.1:{compose.ApiPort}", (await LocalImages.DockerAsync("port", await compose.ContainerAsync("api"), "8080/tcp")).StandardOutput.Trim());

        // down keeps the volumes: the second up applies nothing and stores nothing twice.
        var down = await compose.RunAsync("down");
        Assert.True(down.ExitCode == 0, down.ToString());
        await compose.UpAsync();
        Assert.Equal(0, await compose.WaitForExitAsync("backfill"));
        Assert.Contains("nothing to apply", await compose.LogsAsync("migrator"));
        var rerun = await compose.LogsAsync("backfill");
        Assert.Matches(new Regex(@"\bstored\s+0\b"), rerun);
        Assert.Matches(new Regex(@"\bunchanged\s+1085\b"), rerun);
        Assert.Equal(1085, await compose.DistributionTotalAsync());
    }

    [Fact]
    public async Task Backfill_replicas_scaled_up_with_one_run_name_share_that_run_and_store_every_pattern_once()
    {
        await using var compose = await ComposeProject.CreateAsync();
        compose.Set("BACKFILL_RUN_NAME", "staging-scaled");
        var seed = await compose.RunAsync("run", "--rm", "backfill", "seed-demo");
        Assert.True(seed.ExitCode == 0, $"{seed}\n{await compose.ServiceLogsAsync()}");

        var up = await compose.RunAsync("up", "-d", "--scale", "backfill=3");
        Assert.True(up.ExitCode == 0, $"{up}\n{await compose.ServiceLogsAsync()}");
        Assert.Equal([0, 0, 0], await compose.WaitForEveryExitAsync("backfill"));
        Assert.Equal(1085, await compose.DistributionTotalAsync());

        var run = Assert.Single((await compose.GetAsync("/backfill/runs")).EnumerateArray());
        Assert.Equal("staging-scaled", run.GetProperty("name").GetString());
        var detail = await compose.GetAsync($"/backfill/runs/{run.GetProperty("id").GetGuid()}");
        Assert.Equal(("completed", 1085L, 1085L),
            (detail.GetProperty("status").GetString(), detail.GetProperty("processed").GetInt64(), detail.GetProperty("stored").GetInt64()));
        // The replicas' batches add up to the run: no pattern was scored by two of them.
        Assert.Equal(1085L, detail.GetProperty("workers").EnumerateArray().Sum(w => w.GetProperty("processed").GetInt64()));
    }

    [Fact]
    public async Task A_taken_API_PORT_fails_the_up_naming_the_port_and_down_leaves_nothing()
    {
        await using var compose = await ComposeProject.CreateAsync();
        using var other = new TcpListener(IPAddress.Loopback, compose.ApiPort);
        other.Start();

        var up = await compose.RunAsync("up", "-d");

        Assert.NotEqual(0, up.ExitCode);
        Assert.Contains($"127.0.0.1:{compose.ApiPort}", up.StandardError);
        Assert.Contains("address already in use", up.StandardError);
        Assert.True((await compose.RunAsync("down", "-v")).ExitCode == 0);
        Assert.Equal("", (await LocalImages.DockerAsync("ps", "-aq", "--filter", $"label=com.docker.compose.project={compose.Name}")).StandardOutput.Trim());
    }

    [Fact]
    public async Task A_missing_secret_is_refused_in_one_line_before_anything_starts()
    {
        await using var compose = await ComposeProject.CreateAsync();

        var up = await compose.RunWithoutAsync("QDRANT_KEY", "up", "-d");

        Assert.NotEqual(0, up.ExitCode);
        Assert.Contains("set QDRANT_KEY", up.StandardError);
        Assert.Equal("", (await LocalImages.DockerAsync("ps", "-aq", "--filter", $"label=com.docker.compose.project={compose.Name}")).StandardOutput.Trim());
    }
}
