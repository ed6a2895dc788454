namespace PatternQuality.AppHost.Tests;

/// <summary>Stopping the AppHost as people do: Ctrl+C, or killing it outright.</summary>
public sealed class StoppingTests : IDisposable
{
    private static readonly TimeSpan Startup = TimeSpan.FromMinutes(3);
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("pq-apphost-stop-").FullName;

    public StoppingTests() => File.SetUnixFileMode(dataDirectory, (UnixFileMode)0b111_101_101);

    [Fact]
    public async Task Ctrl_C_stops_every_process_the_AppHost_started_and_keeps_the_data()
    {
        using var appHost = AppHostProcess.Start(dataDirectory);
        await appHost.WaitForLineAsync("every resource is ready", Startup);
        var started = ProcessTree.Descendants(appHost.Id);
        Assert.Contains(started, pid => File.ReadAllText($"/proc/{pid}/cmdline").Contains("postgres", StringComparison.Ordinal));

        Assert.Equal(0, UnixSignal.Send(appHost.Id, ManagedProcess.SigInt));
        Assert.Equal(0, await appHost.WaitForExitAsync(TimeSpan.FromMinutes(1)));

        Assert.DoesNotContain(started, ProcessTree.IsAlive);
        Assert.True(File.Exists(Path.Combine(dataDirectory, "postgres", "data", "PG_VERSION")), "PostgreSQL's data is kept");
        Assert.False(File.Exists(Path.Combine(dataDirectory, "postgres", "data", "postmaster.pid")), "PostgreSQL shut down cleanly");
    }

    [Fact]
    public async Task After_the_AppHost_is_killed_the_next_run_stops_what_it_left_and_starts_cleanly()
    {
        int[] orphans;
        using (var killed = AppHostProcess.Start(dataDirectory))
        {
            await killed.WaitForLineAsync("every resource is ready", Startup);
            var children = ProcessTree.Descendants(killed.Id);
            Assert.Equal(0, UnixSignal.Send(killed.Id, 9));
            await killed.WaitForExitAsync(TimeSpan.FromSeconds(30));
            orphans = children.Where(ProcessTree.IsAlive).ToArray();
        }

        Assert.NotEmpty(orphans); // a SIGKILL reaches no child: this is what the next run must clean up

        using var next = AppHostProcess.Start(dataDirectory);
        await next.WaitForLineAsync("every resource is ready", Startup);
        Assert.DoesNotContain(orphans, ProcessTree.IsAlive);
        Assert.Contains("left running by an AppHost that did not stop", next.Output);
        Assert.DoesNotContain("resource(s) failed", next.Output);

        var started = ProcessTree.Descendants(next.Id);
        Assert.Equal(0, UnixSignal.Send(next.Id, ManagedProcess.SigInt));
        Assert.Equal(0, await next.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        Assert.DoesNotContain(started, ProcessTree.IsAlive);
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);
}
