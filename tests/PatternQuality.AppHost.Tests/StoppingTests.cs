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

    /// <summary>The API answering /health, at the address Aspire gave it (the ports are random).</summary>
    private async Task WaitForServingApiAsync(AppHostProcess appHost)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.AssertAsync(async () =>
        {
            if (appHost.HasExited)
            {
                throw new InvalidOperationException($"the AppHost exited:\n{appHost.Output}");
            }

            var api = ours.Running().FirstOrDefault(line => line.Contains("/PatternQuality.Api ", StringComparison.Ordinal) || line.EndsWith("/PatternQuality.Api", StringComparison.Ordinal));
            if (api is null)
            {
                return false;
            }

            var url = ProcessTree.EnvironmentOf(int.Parse(api.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))["ASPNETCORE_URLS"].Split(';')[0];
            try
            {
                return (await client.GetAsync($"{url}/health")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the API answers /health", Startup);
    }

    public void Dispose()
    {
        foreach (var survivor in ours.Running())
        {
            UnixSignal.Kill(int.Parse(survivor.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        }

        Directory.Delete(dataDirectory, recursive: true);
    }
}
