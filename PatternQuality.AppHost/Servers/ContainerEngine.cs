using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace PatternQuality.AppHost.Servers;

/// <summary>
/// The Docker or Podman engine, if one answers (not merely a client on PATH): <c>{runtime} info</c> within a few
/// seconds. The runtime is Aspire's <c>ASPIRE_CONTAINER_RUNTIME</c>, else docker, then podman.
/// </summary>
internal static class ContainerEngine
{
    private static readonly Lazy<(string? Runtime, string Silence)> probe = new(Probe);

    public static bool Answers => probe.Value.Runtime is not null;

    /// <summary>Why no engine answers: each runtime tried, with its own last word.</summary>
    public static string Silence => probe.Value.Silence;

    /// <summary>Whether the engine that answered at the start still does: null, or why not.</summary>
    public static async Task<string?> SilenceNowAsync(CancellationToken ct)
    {
        if (probe.Value.Runtime is not { } runtime)
        {
            return probe.Value.Silence;
        }

        return await SilenceOfAsync(runtime, ct);
    }

    /// <summary>Why <paramref name="image"/> cannot be used, or null: it is in the engine, or a pull of it succeeded.</summary>
    public static async Task<string?> ImageProblemAsync(string image, ILogger log, CancellationToken ct)
    {
        if (probe.Value.Runtime is not { } runtime)
        {
            return "no container engine answers";
        }

        if ((await RunAsync(runtime, ["image", "inspect", "--format", "{{.Id}}", image], TimeSpan.FromSeconds(30), ct)).ExitCode == 0)
        {
            return null;
        }

        log.LogInformation("{Image} is not in the engine; pulling it", image);
        var pull = await RunAsync(runtime, ["pull", image], TimeSpan.FromMinutes(10), ct);
        return pull.ExitCode == 0 ? null : $"not in the engine, and {runtime} pull failed: {pull.LastLine}";
    }

    private static (string? Runtime, string Silence) Probe()
    {
        var runtimes = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") is { Length: > 0 } chosen ? [chosen] : new[] { "docker", "podman" };
        var silences = new List<string>();
        foreach (var runtime in runtimes)
        {
            if (SilenceOfAsync(runtime, CancellationToken.None).GetAwaiter().GetResult() is not { } silence)
            {
                return (runtime, "");
            }

            silences.Add(silence);
        }

        return (null, string.Join("; ", silences));
    }

    /// <summary>Null when <c>{runtime} info</c> answers within a few seconds; else the runtime with its own last word.</summary>
    private static async Task<string?> SilenceOfAsync(string runtime, CancellationToken ct)
    {
        var (exitCode, lastLine) = await RunAsync(runtime, ["info", "--format", "{{.ServerVersion}}"], TimeSpan.FromSeconds(5), ct);
        return exitCode == 0 ? null : $"{runtime}: {lastLine}";
    }

    private static async Task<(int ExitCode, string LastLine)> RunAsync(string runtime, string[] arguments, TimeSpan timeout, CancellationToken ct)
    {
        var startInfo = new ProcessStartInfo(runtime, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process? process;
        try
        {
            process = Process.Start(startInfo);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, $"{runtime} is not installed");
        }

        if (process is null)
        {
            return (-1, $"{runtime} did not start");
        }

        using (process)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(timeout);
            var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var error = process.StandardError.ReadToEndAsync(deadline.Token);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
                var lines = ((await error) + "\n" + (await output)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return (process.ExitCode, lines.FirstOrDefault(line => line.Contains("rror", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? "");
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                ct.ThrowIfCancellationRequested();
                return (-1, $"{runtime} {arguments[0]} gave no answer within {timeout.TotalSeconds:0} s");
            }
        }
    }
}
