using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PatternQuality.Testing;

/// <summary>
/// PatternQuality.AppHost as a user runs it: the built program in its own process, the launch profile's settings on
/// free ports, every process it starts marked (see <see cref="OurProcesses"/>), its console read line by line.
/// </summary>
public sealed partial class AppHostProcess : IDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];
    private readonly SemaphoreSlim lines = new(0);

    private AppHostProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output);
            }
        }
    }

    /// <param name="serverForm">The servers' settings (<see cref="LocalImages.AppHostArgumentsAsync"/>); by default local processes,
    /// since a Docker engine (CI starts one) would make <c>auto</c> choose containers.</param>
    /// <param name="environment">Variables beyond the launch profile's (an engine's DOCKER_HOST, say).</param>
    public static AppHostProcess Start(string dataDirectory, OurProcesses marker, int? dashboardPort = null, IEnumerable<string>? serverForm = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        // Through env(1) with SIGINT back at its default: a shell's background job (how CI may start the tests)
        // hands its children SIGINT ignored, and then no Ctrl+C would reach the AppHost. env execs, so the pid stays.
        var startInfo = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--default-signal=INT", "dotnet", ProjectPrograms.PathOf("PatternQuality.AppHost"), $"--AppHost:DataDirectory={dataDirectory}" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var argument in serverForm ?? ["--AppHost:Servers=local"])
        {
            startInfo.ArgumentList.Add(argument);
        }

        // What the launch profile gives `dotnet run`, on ports of this test's own.
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Development";
        startInfo.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{dashboardPort ?? LoopbackPort.Free()}";
        startInfo.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{LoopbackPort.Free()}";
        startInfo.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{LoopbackPort.Free()}";
        startInfo.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        startInfo.Environment["ASPIRE_VERSION_CHECK_DISABLED"] = "true";
        startInfo.Environment["DcpPublisher__RandomizePorts"] = "true";
        startInfo.Environment[OurProcesses.MarkerVariable] = marker.Marker;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        return new AppHostProcess(Process.Start(startInfo)!);
    }

    /// <summary>Waits for a console line containing <paramref name="text"/>.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken.None);
        deadline.CancelAfter(timeout);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the AppHost exited ({process.ExitCode}) before printing '{text}':\n{Output}");
            }

            try
            {
                await lines.WaitAsync(TimeSpan.FromSeconds(1), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no '{text}' within {timeout}:\n{Output}");
            }
        }
    }

    /// <summary>
    /// The AppHost's own summary once every resource has settled: the backfill finished with 0, the api running at its
    /// URL, which this returns.
    /// </summary>
    public async Task<Uri> WaitForServingApiAsync()
    {
        await WaitForLineAsync("every resource is ready, ", TimeSpan.FromMinutes(3));
        // The table follows its heading line; the console is read line by line.
        await Eventually.AssertAsync(() => Task.FromResult(
            Regex.IsMatch(Output, @"\n\s+backfill\s+Finished \(exit 0\)") && ServingApi().IsMatch(Output)),
            "the summary lists the backfill finished with exit code 0 and the api running at its URL", TimeSpan.FromSeconds(10));
        return new Uri(ServingApi().Match(Output).Groups[1].Value);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the AppHost did not exit within {timeout}; its console:\n{Output}");
        }

        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Add(line);
        }

        lines.Release();
    }

    [GeneratedRegex(@"\n\s+api\s+Running\s+started \+[0-9.]+ s\s+(http://localhost:\d+)")]
    private static partial Regex ServingApi();
}
