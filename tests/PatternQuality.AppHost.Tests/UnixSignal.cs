using System.Runtime.InteropServices;

namespace PatternQuality.AppHost.Tests;

/// <summary>kill(2), for the signals a terminal sends (SIGINT for Ctrl+C) and SIGKILL.</summary>
internal static partial class UnixSignal
{
    public static int Interrupt(int pid) => kill(pid, 2);

    public static int Kill(int pid) => kill(pid, 9);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
