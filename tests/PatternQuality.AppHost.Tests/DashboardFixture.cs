using Microsoft.Extensions.DependencyInjection;
using PatternQuality.AppHost.Dashboard;

namespace PatternQuality.AppHost.Tests;

/// <summary>
/// The whole system with its dashboard on free ports, run once for the dashboard's tests: ready when
/// the backfill has finished and its trace has reached the dashboard.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private RunningAppHost? running;

    public DistributedApplication App => running!.App;

    public DashboardEndpoints Endpoints => App.Services.GetRequiredService<DashboardEndpoints>();

    public RunningAppHost Running => running!;

    public async ValueTask InitializeAsync()
    {
        running = await RunningAppHost.StartAsync(
            ["--AppHost:Dashboard:Enabled=true", "--AppHost:Dashboard:Url=http://127.0.0.1:0", "--AppHost:Dashboard:OtlpUrl=http://127.0.0.1:0"]);
        Assert.Equal(0, (await running.WaitForTerminalAsync("backfill")).ExitCode);
        await running.WaitForAsync("api", s => s.IsReady);

        var store = App.Services.GetRequiredService<PatternQuality.AppHost.Dashboard.Telemetry.TelemetryStore>();
        await Eventually.AssertAsync(() => Task.FromResult(store.Traces("backfill", "backfill run", 0, 1).Matching > 0),
            "the backfill's trace reaches the dashboard", TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (running is not null)
        {
            await running.DisposeAsync();
            Assert.Empty(running.Survivors());
        }
    }
}
