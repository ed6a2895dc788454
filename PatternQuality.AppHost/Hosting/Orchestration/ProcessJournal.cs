using System.Globalization;
using System.Text.Json;

namespace PatternQuality.AppHost.Hosting.Orchestration;

/// <summary>
/// The processes this AppHost has running, in <c>processes.json</c> of the data folder. An AppHost
/// killed outright cannot stop its children; the next one finds them here (the same pid and start
/// time, so never a stranger that reused the pid) and stops them before it starts anything.
/// </summary>
internal sealed class ProcessJournal(string path)
{
    private readonly Lock gate = new();
    private readonly Dictionary<int, Entry> running = [];

    public void Add(int pid, string resource)
    {
        lock (gate)
        {
            if (StartTimeOf(pid) is { } started)
            {
                running[pid] = new Entry(pid, resource, started);
                Save();
            }
        }
    }

    public void Remove(int pid)
    {
        lock (gate)
        {
            if (running.Remove(pid))
            {
                Save();
            }
        }
    }

    /// <summary>Stops what a previous AppHost on this data folder left running; returns what it stopped.</summary>
    public async Task<IReadOnlyList<string>> StopLeftoversAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        List<Entry> entries;
        try
        {
            entries = JsonSerializer.Deserialize<List<Entry>>(await File.ReadAllTextAsync(path, cancellationToken)) ?? [];
        }
        catch (JsonException)
        {
            entries = [];
        }

        var leftovers = entries.Where(e => StartTimeOf(e.Pid) == e.StartTime).ToList();
        foreach (var entry in leftovers)
        {
            _ = UnixSignal.Send(entry.Pid, entry.Resource == "postgres" ? ManagedProcess.SigInt : ManagedProcess.SigTerm);
        }

        for (var waited = 0; waited < 150 && leftovers.Any(e => StartTimeOf(e.Pid) == e.StartTime); waited++)
        {
            await Task.Delay(100, cancellationToken);
        }

        foreach (var entry in leftovers.Where(e => StartTimeOf(e.Pid) == e.StartTime))
        {
            _ = UnixSignal.Send(entry.Pid, 9);
        }

        File.Delete(path);
        return leftovers.Select(e => $"{e.Resource} (pid {e.Pid})").ToList();
    }

    private void Save()
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(running.Values.ToList()));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Field 22 of /proc/{pid}/stat: when the process started, in clock ticks after boot.</summary>
    private static long? StartTimeOf(int pid)
    {
        try
        {
            var fields = File.ReadAllText($"/proc/{pid}/stat").Split(") ")[^1].Split(' ');
            return fields[0] == "Z" ? null : long.Parse(fields[19], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private sealed record Entry(int Pid, string Resource, long StartTime);
}
