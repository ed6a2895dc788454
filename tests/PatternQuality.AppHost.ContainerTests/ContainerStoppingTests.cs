namespace PatternQuality.AppHost.Tests;

/// <summary>The container form stopped as people stop it: Ctrl+C, or killing the AppHost outright.</summary>
public sealed class ContainerStoppingTests : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(20);
    private readonly string dataDirectory = TestAppHost.NewDataDirectory();
    private readonly OurProcesses ours = new();

    [Fact]
    public async Task Ctrl_C_of_the_container_form_leaves_no_container_network_or_process_of_ours_and_keeps_the_volumes()
    {
        var containers = OurContainers.New();
        var networks = await OurContainers.NetworksAsync();
        try
        {
            using var appHost = AppHostProcess.Start(dataDirectory, ours, serverForm: await containers.AppHostArgumentsAsync());
            await appHost.WaitForServingApiAsync();
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
            await appHost.WaitForServingApiAsync();
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

    public void Dispose()
    {
        ours.KillAll();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
