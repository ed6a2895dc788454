using System.Text.RegularExpressions;

namespace PatternQuality.AppHost.Tests;

/// <summary>The AppHost as a user runs it, stopped as people stop it: Ctrl+C, or killing it outright.</summary>
public sealed class StoppingTests : IDisposable
{
    private static readonly TimeSpan Startup = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(20);
    private readonly string dataDirectory = TestAppHost.NewDataDirectory();
    private readonly OurProcesses ours = new();

    [Fact]
    public async Task Ctrl_C_leaves_no_process_of_ours_and_keeps_the_data()
    {
        using var appHost = AppHostProcess.Start(dataDirectory, ours);
        await WaitForServingApiAsync(appHost);
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
        await WaitForServingApiAsync(appHost);

        Assert.Equal(0, UnixSignal.Kill(appHost.Id));
        await appHost.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(await ours.SurvivorsAfterAsync(Grace));
        Assert.True(File.Exists(Path.Combine(dataDirectory, "postgres", "data", "PG_VERSION")), "PostgreSQL's cluster is kept");
    }

    [Fact]
    public async Task Ctrl_C_of_the_container_form_leaves_no_container_network_or_process_of_ours_and_keeps_the_volumes()
    {
        var containers = OurContainers.New();
        var networks = await OurContainers.NetworksAsync();
        try
        {
            using var appHost = AppHostProcess.Start(dataDirectory, ours, serverForm: await containers.AppHostArgumentsAsync());
            await WaitForServingApiAsync(appHost);
            Assert.Equal(2, (await containers.ListAsync()).Count);

            Assert.Equal(0, UnixSignal.Interrupt(appHost.Id));
            Assert.Equal(0, await appHost.WaitForExitAsync(TimeSpan.FromMinutes(1)));

            Assert.Empty(await ours.SurvivorsAfterAsync(Grace));
            await containers.AssertNothingLeftButVolumesAsync(networks);
        }
        finally
        {
            await containers.RemoveAsync();
        }
    }

    [Fact]
    public async Task Killing_the_AppHost_of_the_container_form_leaves_no_container_network_or_process_of_ours()
    {
        var containers = OurContainers.New();
        var networks = await OurContainers.NetworksAsync();
        try
        {
            using var appHost = AppHostProcess.Start(dataDirectory, ours, serverForm: await containers.AppHostArgumentsAsync());
            await WaitForServingApiAsync(appHost);
            Assert.Equal(2, (await containers.ListAsync()).Count);

            Assert.Equal(0, UnixSignal.Kill(appHost.Id));
            await appHost.WaitForExitAsync(TimeSpan.FromSeconds(30));

            Assert.Empty(await ours.SurvivorsAfterAsync(Grace));
            await containers.AssertNothingLeftButVolumesAsync(networks);
        }
        finally
        {
            await containers.RemoveAsync();
        }
    }

    /// <summary>The AppHost's own summary once every resource has settled (the API healthy, the backfill finished).</summary>
    private static async Task WaitForServingApiAsync(AppHostProcess appHost)
    {
        await appHost.WaitForLineAsync("every resource is ready, ", Startup);
        // The table follows its heading line; the console is read line by line.
        await Eventually.AssertAsync(() => Task.FromResult(
            Regex.IsMatch(appHost.Output, @"\n\s+backfill\s+Finished \(exit 0\)")
            && Regex.IsMatch(appHost.Output, @"\n\s+api\s+Running\s+started \+[0-9.]+ s\s+http://localhost:\d+")),
            "the summary lists the backfill finished with exit code 0 and the api running at its URL", TimeSpan.FromSeconds(10));
    }

    public void Dispose()
    {
        ours.KillAll();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
