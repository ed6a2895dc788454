using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PatternQuality.Backfill.Tests;

/// <summary>The backfill as its own program, started but not awaited, its output kept, which a test can signal (SIGKILL, SIGSTOP, SIGCONT).</summary>
public sealed class BackfillProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();

    public BackfillProcess(params string[] args)
    {
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add(ProjectPrograms.PathOf("PatternQuality.Backfill"));
        foreach (var argument in args)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = null;
        process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(error, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task KillAsync()
    {
        Signal("KILL");
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    public async Task<CliResult> ExitAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit();
        lock (error)
        {
            return new CliResult(process.ExitCode, Output, error.ToString());
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }
}
