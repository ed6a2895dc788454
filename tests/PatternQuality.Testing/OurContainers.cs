using Xunit;

namespace PatternQuality.Testing;

/// <summary>
/// The containers of one container-form run, found by the data volumes it names with its own prefix
/// (<c>AppHost:VolumePrefix</c>), and the engine's networks, to tell what a run left behind. Disposing removes the
/// containers and the volumes.
/// </summary>
public sealed class OurContainers(string prefix) : IAsyncDisposable
{
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    public static OurContainers New() => new($"pqtest-{Guid.NewGuid():N}"[..15]);

    public string Prefix => prefix;

    public string[] Volumes => [$"{prefix}-postgres-data", $"{prefix}-qdrant-data"];

    public Task<string[]> AppHostArgumentsAsync() => LocalImages.AppHostArgumentsAsync(prefix);

    /// <summary>Each container (running or not) that mounts one of the volumes: its id, image and ports.</summary>
    public async Task<List<string>> ListAsync()
    {
        var found = new List<string>();
        foreach (var volume in Volumes)
        {
            var listing = await LocalImages.DockerAsync("ps", "-a", "--filter", $"volume={volume}", "--format", "{{.ID}} {{.Image}} {{.Ports}}");
            Assert.True(listing.ExitCode == 0, listing.ToString());
            found.AddRange(listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        return found;
    }

    public static async Task<HashSet<string>> NetworksAsync()
    {
        var listing = await LocalImages.DockerAsync("network", "ls", "-q");
        Assert.True(listing.ExitCode == 0, listing.ToString());
        return listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
    }

    /// <summary>No container of the run within the grace, no network beyond <paramref name="networksBefore"/>, the volumes kept.</summary>
    public async Task AssertNothingLeftButVolumesAsync(HashSet<string>? networksBefore = null)
    {
        await Eventually.AssertAsync(async () => (await ListAsync()).Count == 0, "every container of this run gone", StopGrace);
        if (networksBefore is not null)
        {
            await Eventually.AssertAsync(async () => (await NetworksAsync()).IsSubsetOf(networksBefore), "every network of this run gone", StopGrace);
        }

        foreach (var volume in Volumes)
        {
            Assert.Equal(0, (await LocalImages.DockerAsync("volume", "inspect", volume)).ExitCode);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var container in await ListAsync())
        {
            await LocalImages.DockerAsync("rm", "-f", container.Split(' ')[0]);
        }

        await LocalImages.DockerAsync(["volume", "rm", "-f", .. Volumes]);
    }
}
