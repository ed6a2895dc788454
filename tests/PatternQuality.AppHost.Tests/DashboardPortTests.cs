using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using PatternQuality.AppHost.Dashboard;

namespace PatternQuality.AppHost.Tests;

public sealed class DashboardPortTests
{
    [Fact]
    public async Task When_the_dashboard_port_is_taken_the_system_still_runs_without_it()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        await using var app = await RunningAppHost.StartAsync(
            ["--AppHost:Dashboard:Enabled=true", $"--AppHost:Dashboard:Url=http://127.0.0.1:{port}", "--AppHost:Dashboard:OtlpUrl=http://127.0.0.1:0"]);

        Assert.Equal(0, (await app.WaitForTerminalAsync("migrator")).ExitCode);
        var endpoints = app.App.Services.GetRequiredService<DashboardEndpoints>();
        Assert.Null(endpoints.Url);
        Assert.Null(endpoints.OtlpUrl);
        var api = await app.WaitForAsync("api", s => s.IsReady);
        Assert.False(ProcessTree.EnvironmentOf(api.ProcessId!.Value).ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"), "no receiver, so no export");
    }
}
