using System.Runtime.InteropServices;

namespace PatternQuality.AppHost.Tests;

internal static partial class UnixSignals
{
    public const int SigInt = 2;

    public static int Send(int pid, int signal) => Kill(pid, signal);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
