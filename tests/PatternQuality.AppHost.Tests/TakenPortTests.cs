using System.Net;
using System.Net.Sockets;

namespace PatternQuality.AppHost.Tests;

/// <summary>A port the AppHost needs is taken: Aspire alone would say "Now listening" while another process answers there.</summary>
public sealed class TakenPortTests : IDisposable
{
    private readonly string dataDirectory = TestAppHost.NewDataDirectory();
    private readonly OurProcesses ours = new();

    [Theory]
    [InlineData("local")]
    [InlineData("containers")]
    public async Task A_taken_dashboard_port_refuses_the_start_in_one_line_and_starts_nothing(string servers)
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;
        var containers = OurContainers.New();

        using var appHost = AppHostProcess.Start(dataDirectory, ours, dashboardPort: port,
            serverForm: servers == "containers" ? await containers.AppHostArgumentsAsync() : null);

        Assert.Equal(1, await appHost.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        var errors = appHost.Output.Split('\n').Where(line => line.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        Assert.Equal($"error: another process listens on port {port} of the dashboard (ASPNETCORE_URLS=http://127.0.0.1:{port}): "
            + "stop it, or choose other ports (the AppHost's launch profile, the project's launchSettings.json)", Assert.Single(errors));
        Assert.DoesNotContain("   at ", appHost.Output);
        Assert.Empty(ours.Running());
        Assert.Empty(Directory.EnumerateFileSystemEntries(dataDirectory));
        if (servers == "containers")
        {
            Assert.Empty(await containers.ListAsync());
            foreach (var volume in containers.Volumes)
            {
                Assert.NotEqual(0, (await LocalImages.DockerAsync("volume", "inspect", volume)).ExitCode);
            }
        }
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);
}
