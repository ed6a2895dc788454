namespace PatternQuality.Testing;

/// <summary>
/// The processes one AppHost run started, found by a marker in their environment: DCP, PostgreSQL and the
/// projects all inherit the AppHost's environment, while DCP detaches them from the AppHost's process tree.
/// </summary>
public sealed class OurProcesses
{
    public const string MarkerVariable = "PATTERNQUALITY_APPHOST_TEST_RUN";

    public string Marker { get; } = Guid.NewGuid().ToString("N");

    private string Entry => $"{MarkerVariable}={Marker}";

    public IReadOnlyList<string> Running()
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId || !ProcessTree.IsAlive(pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(dir, "environ")).Split('\0').Contains(Entry))
                {
                    found.Add($"{pid} {File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim()}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    /// <summary>Kills whatever a failed test left running.</summary>
    public void KillAll()
    {
        foreach (var survivor in Running())
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(int.Parse(survivor.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
            }
        }
    }

    /// <summary>Those still running after up to <paramref name="grace"/> (DCP takes some seconds to stop its processes).</summary>
    public async Task<IReadOnlyList<string>> SurvivorsAfterAsync(TimeSpan grace)
    {
        var until = DateTime.UtcNow + grace;
        while (true)
        {
            var running = Running();
            if (running.Count == 0 || DateTime.UtcNow > until)
            {
                return running;
            }

            await Task.Delay(500);
        }
    }
}
