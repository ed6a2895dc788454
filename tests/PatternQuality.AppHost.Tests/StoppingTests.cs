using System.Text.RegularExpressions;

namespace PatternQuality.AppHost.Tests;

/// <summary>The AppHost as a user runs it, stopped as people stop it: Ctrl+C, or killing it outright.</summary>
public sealed class StoppingTests : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(20);
    private readonly string dataDirectory = TestAppHost.NewDataDirectory();
    private readonly OurProcesses ours = new();

    [Fact]
    public async Task Ctrl_C_leaves_no_process_of_ours_and_keeps_the_data()
    {
        using var appHost = AppHostProcess.Start(dataDirectory, ours);
        await appHost.WaitForServingApiAsync();
        Assert.Matches(new Regex(@"Login to the dashboard at http://127\.0\.0\.1:\d+/login\?t=[0-9a-f]+"), appHost.Output);
        Assert.Contains(ours.Running(), line => line.Contains("postgres -D", StringComparison.Ordinal));
        Assert.Contains(ours.Running(), line => line.Contains("dcp", StringComparison.Ordinal));

        Assert.Equal(0, UnixSignal.Interrupt(appHost.Id));
        Assert.Equal(0, await appHost.WaitForExitAsync(TimeSpan.FromMinutes(1)));

        Assert.Empty(await ours.SurvivorsAfterAsync(Grace));
        Assert.True(File.Exists(Path.Combine(dataDirectory, "postgres", "data", "PG_VERSION")), "PostgreSQL's cluster is kept");
        Assert.False(File.Exists(Path.Combine(dataDirectory, "postgres", "data", "postmaster.pid")), "PostgreSQL shut down cleanly");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(dataDirectory, "qdrant"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Killing_the_AppHost_leaves_no_process_of_ours_and_keeps_the_data()
    {
        using var appHost = AppHostProcess.Start(dataDirectory, ours);
        await appHost.WaitForServingApiAsync();

        Assert.Equal(0, UnixSignal.Kill(appHost.Id));
        await appHost.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(await ours.SurvivorsAfterAsync(Grace));
        Assert.True(File.Exists(Path.Combine(dataDirectory, "postgres", "data", "PG_VERSION")), "PostgreSQL's cluster is kept");
    }

    public void Dispose()
    {
        ours.KillAll();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
