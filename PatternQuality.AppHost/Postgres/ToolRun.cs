using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace PatternQuality.AppHost.Postgres;

/// <summary>Runs a short-lived program (initdb, chown) to its end, its output to the resource's console.</summary>
internal static class ToolRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(string program, string[] arguments, ILogger log, CancellationToken cancellationToken, List<string>? output = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new DistributedApplicationException($"{program} did not start");
        process.OutputDataReceived += (_, line) => Record(line.Data, isError: false);
        process.ErrorDataReceived += (_, line) => Record(line.Data, isError: true);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode;

        void Record(string? line, bool isError)
        {
            if (line is null)
            {
                return;
            }

            lock (start)
            {
                output?.Add(line);
            }

            if (isError)
            {
                log.LogWarning("{Line}", line);
            }
            else
            {
                log.LogInformation("{Line}", line);
            }
        }
    }

    public static async Task RequireAsync(string program, string[] arguments, ILogger log, CancellationToken cancellationToken, List<string>? output = null)
    {
        var code = await RunAsync(program, arguments, log, cancellationToken, output);
        if (code != 0)
        {
            throw new DistributedApplicationException($"{Path.GetFileName(program)} failed with exit code {code} (its output is on this resource's console)");
        }
    }
}
