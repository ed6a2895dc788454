using System.Diagnostics;
using System.Runtime.InteropServices;

namespace PatternQuality.AppHost.Hosting.Orchestration;

internal sealed record ProcessSpec(string FileName, IReadOnlyList<string> Args, string WorkingDirectory, IReadOnlyDictionary<string, string?> Environment);

/// <summary>
/// A process the engine started: its console captured line by line into the resource's log,
/// stopped with a signal (then killed after a grace period). It runs in a session of its own,
/// so a Ctrl+C in the AppHost's terminal reaches the AppHost only, which stops resources in order.
/// </summary>
internal sealed class ManagedProcess
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    private readonly Process process;

    private ManagedProcess(Process process, Task<int> exited)
    {
        this.process = process;
        ProcessId = process.Id;
        Exited = exited;
    }

    /// <summary>Kept from the start: the Process object is disposed once the process has exited.</summary>
    public int ProcessId { get; }

    /// <summary>Completes with the exit code once the process has exited and its output is read.</summary>
    public Task<int> Exited { get; }

    public static ManagedProcess Start(ProcessSpec spec, Action<string, bool> writeLine)
    {
        var setsid = File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : null;
        var startInfo = new ProcessStartInfo(setsid ?? spec.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory,
        };
        if (setsid is not null)
        {
            startInfo.ArgumentList.Add(spec.FileName);
        }

        foreach (var argument in spec.Args)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) writeLine(e.Data, false); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) writeLine(e.Data, true); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ManagedProcess(process, WaitAsync(process));
    }

    /// <summary>Sends <paramref name="signal"/>, waits up to <paramref name="grace"/>, then kills the process and its children.</summary>
    public async Task StopAsync(int signal, TimeSpan grace)
    {
        if (Exited.IsCompleted)
        {
            return;
        }

        _ = UnixSignal.Send(ProcessId, signal);
        if (await Task.WhenAny(Exited, Task.Delay(grace)) != Exited)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // exited meanwhile
            }

            await Exited;
        }
    }

    private static async Task<int> WaitAsync(Process process)
    {
        await process.WaitForExitAsync();
        var code = process.ExitCode;
        process.Dispose();
        return code;
    }
}

internal static partial class UnixSignal
{
    /// <summary>kill(2): 0 when sent.</summary>
    public static int Send(int pid, int signal) => Kill(pid, signal);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
