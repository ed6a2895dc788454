using System.Diagnostics;

namespace PatternQuality.AppHost;

/// <summary>
/// Whether a Docker or Podman engine answers (not merely a client on PATH): <c>{runtime} info</c> within a few
/// seconds. The runtime is Aspire's <c>ASPIRE_CONTAINER_RUNTIME</c>, else docker, then podman.
/// </summary>
internal static class ContainerEngine
{
    private static readonly Lazy<bool> answers = new(Probe);

    public static bool Answers => answers.Value;

    private static bool Probe()
    {
        var runtimes = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") is { Length: > 0 } chosen ? [chosen] : new[] { "docker", "podman" };
        return runtimes.Any(runtime => Answer(runtime, TimeSpan.FromSeconds(5)));
    }

    private static bool Answer(string runtime, TimeSpan timeout)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }
}
