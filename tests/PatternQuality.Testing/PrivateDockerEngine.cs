using System.Diagnostics;
using System.Globalization;

namespace PatternQuality.Testing;

/// <summary>
/// A Docker engine of one test's own, which the test may stop and start again (every other test shares CI's): its
/// own socket, data and exec roots, and a bridge of its own without iptables rules (published ports go through
/// docker-proxy). Needs root, as dockerd does; the images a test runs are copied in from the engine at DOCKER_HOST.
/// </summary>
public sealed class PrivateDockerEngine : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);
    private readonly string root = Directory.CreateTempSubdirectory("pq-engine-").FullName;
    private readonly string bridge = $"pqbr{Random.Shared.Next(1000, 9999)}";
    private Process? daemon;

    private PrivateDockerEngine()
    {
    }

    public string Host => $"unix://{root}/docker.sock";

    public static async Task<PrivateDockerEngine> StartAsync(params string[] images)
    {
        var engine = new PrivateDockerEngine();
        try
        {
            var subnet = Random.Shared.Next(200, 250);
            foreach (var command in new[] { $"link add {engine.bridge} type bridge", $"addr add 172.31.{subnet}.1/24 dev {engine.bridge}", $"link set {engine.bridge} up" })
            {
                await ProcessRunner.RunCheckedAsync("ip", command.Split(' '), Patience);
            }

            await engine.StartDaemonAsync();
            var copy = await ProcessRunner.RunAsync("bash", ["-c", $"set -o pipefail; docker save {string.Join(' ', images)} | docker -H {engine.Host} load"], TimeSpan.FromMinutes(3));
            if (copy.ExitCode != 0)
            {
                throw new InvalidOperationException($"copying {string.Join(", ", images)} into the test's engine failed: {copy}");
            }

            return engine;
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    public Task<ProcessResult> DockerAsync(params string[] arguments) => ProcessRunner.RunAsync("docker", ["-H", Host, .. arguments], Patience);

    public async Task StartDaemonAsync()
    {
        var start = new ProcessStartInfo(File.Exists("/usr/sbin/dockerd") ? "/usr/sbin/dockerd" : "dockerd")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-H", Host, "--data-root", $"{root}/data", "--exec-root", $"{root}/exec", "--pidfile", $"{root}/docker.pid",
            "--bridge", bridge, "--iptables=false", "--ip6tables=false" })
        {
            start.ArgumentList.Add(argument);
        }

        daemon = Process.Start(start)!;
        var log = new List<string>();
        daemon.ErrorDataReceived += (_, e) => { lock (log) { log.Add(e.Data ?? ""); } };
        daemon.OutputDataReceived += (_, e) => { lock (log) { log.Add(e.Data ?? ""); } };
        daemon.BeginErrorReadLine();
        daemon.BeginOutputReadLine();
        if (!await Eventually.HoldsAsync(async () => (await DockerAsync("info", "--format", "{{.ServerVersion}}")).ExitCode == 0, Patience, TimeSpan.FromMilliseconds(250)))
        {
            lock (log)
            {
                throw new InvalidOperationException($"the test's dockerd did not answer within {Patience}: {log.LastOrDefault(l => l.Length > 0)}");
            }
        }
    }

    /// <summary>Stops the daemon as an operator or a package upgrade does: SIGTERM, and it stops its containers.</summary>
    public async Task StopDaemonAsync()
    {
        if (daemon is not { HasExited: false } running)
        {
            return;
        }

        await ProcessRunner.RunCheckedAsync("kill", ["-TERM", running.Id.ToString(CultureInfo.InvariantCulture)], Patience);
        using var deadline = new CancellationTokenSource(Patience);
        await running.WaitForExitAsync(deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopDaemonAsync();
        }
        finally
        {
            daemon?.Dispose();
            await ProcessRunner.RunAsync("ip", ["link", "delete", bridge], Patience);
            await ProcessRunner.RunAsync("rm", ["-rf", root], TimeSpan.FromMinutes(2));
        }
    }
}
