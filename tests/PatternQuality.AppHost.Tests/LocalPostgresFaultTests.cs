namespace PatternQuality.AppHost.Tests;

/// <summary>The local PostgreSQL when it cannot run: one line on the resource, and nothing that needs it starts.</summary>
public sealed class LocalPostgresFaultTests
{
    [Fact]
    public async Task Without_PostgreSQL_binaries_the_server_fails_to_start_naming_what_to_install()
    {
        var empty = Directory.CreateTempSubdirectory("pq-no-pg-bin-").FullName;
        Environment.SetEnvironmentVariable("PATTERNQUALITY_PG_BIN", empty);
        try
        {
            var app = await TestAppHost.StartAsync(awaitEveryStart: false);
            await using (app)
            {
                var postgres = (await app.WaitForTerminalAsync("postgres")).Snapshot;
                Assert.Equal(KnownResourceStates.FailedToStart, postgres.State?.Text);
                Assert.Contains(await app.ConsoleAsync("postgres"), line => line.Contains("install the postgresql package"));
                await AssertNeverStartedAsync(app, "migrator", "backfill", "api");
            }

            Assert.Empty(await app.Processes.SurvivorsAfterAsync(TimeSpan.FromSeconds(20)));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATTERNQUALITY_PG_BIN", null);
            Directory.Delete(empty);
        }
    }

    [Fact]
    public async Task A_data_folder_the_server_cannot_write_fails_its_start_with_the_folder_named()
    {
        // Read and search only: neither the postgres user (the AppHost as root) nor the AppHost's own user can write it.
        var closed = TestAppHost.NewDataDirectory();
        Directory.CreateDirectory(Path.Combine(closed, "postgres"));
        File.SetUnixFileMode(Path.Combine(closed, "postgres"), (UnixFileMode)0b101_101_101);
        if (Environment.UserName == "root")
        {
            File.SetUnixFileMode(closed, (UnixFileMode)0b111_000_000); // closed to the postgres user, as /root is
        }

        try
        {
            var app = await TestAppHost.StartAsync(dataDirectory: closed, awaitEveryStart: false);
            await using (app)
            {
                var postgres = (await app.WaitForTerminalAsync("postgres")).Snapshot;
                Assert.Equal(KnownResourceStates.FailedToStart, postgres.State?.Text);
                Assert.Contains(await app.ConsoleAsync("postgres"), line => line.Contains($"cannot reach the data folder {closed}"));
                await AssertNeverStartedAsync(app, "migrator", "backfill", "api");
            }
        }
        finally
        {
            File.SetUnixFileMode(closed, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(Path.Combine(closed, "postgres"), (UnixFileMode)0b111_101_101);
            Directory.Delete(closed, recursive: true);
        }
    }

    [Fact]
    public async Task A_kept_cluster_refuses_another_password_in_one_line_and_keeps_no_password_in_a_file()
    {
        const string first = "First-Password-1b7c0e", second = "Second-Password-9d2a4f";
        var dataDirectory = TestAppHost.NewDataDirectory();
        try
        {
            await using (var created = await TestAppHost.StartAsync([$"--Parameters:postgres-password={first}"], dataDirectory, awaitEveryStart: false))
            {
                await created.WaitForHealthyAsync("omninode-bridge");
            }

            var app = await TestAppHost.StartAsync([$"--Parameters:postgres-password={second}"], dataDirectory, awaitEveryStart: false);
            await using (app)
            {
                var postgres = (await app.WaitForTerminalAsync("postgres")).Snapshot;
                Assert.Equal(KnownResourceStates.FailedToStart, postgres.State?.Text);
                Assert.Contains(await app.ConsoleAsync("postgres"), line => line.Contains("was created with another postgres-password"));
                await AssertNeverStartedAsync(app, "migrator", "backfill", "api");
            }

            foreach (var file in Directory.EnumerateFiles(Path.Combine(dataDirectory, "postgres"), "*", SearchOption.AllDirectories))
            {
                Assert.DoesNotContain(first, await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task AssertNeverStartedAsync(TestAppHost app, params string[] resources)
    {
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        foreach (var resource in resources)
        {
            Assert.True(app.App.ResourceNotifications.TryGetCurrentState(resource, out var state));
            Assert.Null(state.Snapshot.StartTimeStamp);
        }
    }
}
