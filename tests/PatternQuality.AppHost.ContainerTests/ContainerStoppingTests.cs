namespace PatternQuality.AppHost.Tests;

/// <summary>The container form stopped as people stop it: Ctrl+C, or killing the AppHost outright.</summary>
public sealed class ContainerStoppingTests : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(20);
    private readonly string dataDirectory = TestAppHost.NewDataDirectory();
    private readonly OurProcesses ours = new();

    [Theory]
    [InlineData("Ctrl+C")]
    [InlineData("kill -9")]
    public async Task Stopping_the_container_form_leaves_no_container_network_or_process_of_ours_and_keeps_the_volumes(string how)
    {
        await using var containers = OurContainers.New();
        var networks = await OurContainers.NetworksAsync();
        using var appHost = AppHostProcess.Start(dataDirectory, ours, serverForm: await containers.AppHostArgumentsAsync());
        await appHost.WaitForServingApiAsync();
        Assert.Equal(2, (await containers.ListAsync()).Count);

        if (how == "Ctrl+C")
        {
            Assert.Equal(0, UnixSignal.Interrupt(appHost.Id));
            Assert.Equal(0, await appHost.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        }
        else
        {
            Assert.Equal(0, UnixSignal.Kill(appHost.Id));
            await appHost.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Empty(await ours.SurvivorsAfterAsync(Grace));
        await containers.AssertNothingLeftButVolumesAsync(networks);
    }

    public void Dispose()
    {
        ours.KillAll();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
