using System.Net;

namespace PatternQuality.AppHost.Tests;

/// <summary>The container engine stopping under a running AppHost (an engine of the test's own, so that it may).</summary>
public sealed class EngineStoppingTests : IDisposable
{
    private readonly string dataDirectory = TestAppHost.NewDataDirectory();
    private readonly OurProcesses ours = new();

    [Fact]
    public async Task The_engine_stopping_mid_run_is_one_line_the_api_answers_503_and_once_it_is_back_nothing_of_ours_is_left()
    {
        var images = await LocalImages.SettingsAsync();
        await using var engine = await PrivateDockerEngine.StartAsync(images["AppHost__Images__postgres"], images["AppHost__Images__qdrant"]);
        var containers = OurContainers.New();
        using var appHost = AppHostProcess.Start(dataDirectory, ours, serverForm: await containers.AppHostArgumentsAsync(),
            environment: new Dictionary<string, string> { ["DOCKER_HOST"] = engine.Host });
        var api = await appHost.WaitForServingApiAsync();

        await engine.StopDaemonAsync();

        await appHost.WaitForLineAsync("the container engine stopped answering", TimeSpan.FromSeconds(30));
        var stopped = Assert.Single(appHost.Output.Split('\n'), line => line.Contains("the container engine stopped answering", StringComparison.Ordinal));
        Assert.Matches(@"\(docker: Cannot connect to the Docker daemon at unix://.*\): postgres and qdrant went with it, their volumes are kept; start the engine again$", stopped);
        using var client = new HttpClient { BaseAddress = api };
        await Eventually.AssertAsync(async () => (await client.GetAsync("/quality/distribution")).StatusCode == HttpStatusCode.ServiceUnavailable,
            "the api answering 503 without its database");

        await engine.StartDaemonAsync();
        await appHost.WaitForLineAsync("the container engine answers again: start postgres and qdrant from the dashboard", TimeSpan.FromSeconds(30));

        Assert.Equal(0, UnixSignal.Interrupt(appHost.Id));
        Assert.Equal(0, await appHost.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        Assert.Empty(await ours.SurvivorsAfterAsync(TimeSpan.FromSeconds(20)));
        await Eventually.AssertAsync(async () => (await engine.DockerAsync("ps", "-aq")).StandardOutput.Trim() == "", "every container of the run removed",
            OurContainers.StopGrace);
        var volumes = (await engine.DockerAsync("volume", "ls", "-q")).StandardOutput;
        Assert.All(containers.Volumes, volume => Assert.Contains(volume, volumes));
    }

    public void Dispose()
    {
        ours.KillAll();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
