using System.Collections.Concurrent;
using System.Threading.Channels;

namespace PatternQuality.AppHost.Hosting.Orchestration;

public sealed record ConsoleLine(string Resource, DateTimeOffset Timestamp, string Text, bool IsError);

/// <summary>
/// Each resource's console output: the last lines in memory (bounded), every line in
/// <c>logs/{resource}.log</c> of the data folder, and a live feed for whoever watches.
/// </summary>
public sealed class ResourceLoggerService : IDisposable
{
    public const int LinesKept = 10_000;

    private readonly ConcurrentDictionary<string, ResourceConsole> consoles = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly Broadcast<ConsoleLine> lines;
    private string? logDirectory;

    public ResourceLoggerService() =>
        lines = new(gate, () => Channel.CreateBounded<ConsoleLine>(new BoundedChannelOptions(LinesKept) { FullMode = BoundedChannelFullMode.DropOldest }));

    internal void UseLogDirectory(string directory)
    {
        Directory.CreateDirectory(directory);
        logDirectory = directory;
    }

    public void Write(string resource, string text, bool isError)
    {
        var line = new ConsoleLine(resource, DateTimeOffset.UtcNow, text, isError);
        consoles.GetOrAdd(resource, name => new ResourceConsole(logDirectory is null ? null : Path.Combine(logDirectory, $"{name}.log"))).Add(line);
        lock (gate)
        {
            lines.Send(line);
        }
    }

    public IReadOnlyList<ConsoleLine> GetLines(string resource) =>
        consoles.TryGetValue(resource, out var console) ? console.Lines() : [];

    /// <summary>Every line written from now on (the last <see cref="LinesKept"/> if the watcher falls behind).</summary>
    public IAsyncEnumerable<ConsoleLine> WatchAsync(CancellationToken cancellationToken = default) => lines.WatchAsync(() => [], cancellationToken);

    public void Dispose()
    {
        foreach (var console in consoles.Values)
        {
            console.Dispose();
        }
    }

    private sealed class ResourceConsole(string? path) : IDisposable
    {
        private readonly Queue<ConsoleLine> lines = new();
        private readonly StreamWriter? file = path is null ? null : new StreamWriter(path, append: true) { AutoFlush = true };

        public void Add(ConsoleLine line)
        {
            lock (lines)
            {
                if (lines.Count == LinesKept)
                {
                    lines.Dequeue();
                }

                lines.Enqueue(line);
                file?.WriteLine($"{line.Timestamp:yyyy-MM-ddTHH:mm:ss.fffZ} {(line.IsError ? "err" : "out")} {line.Text}");
            }
        }

        public IReadOnlyList<ConsoleLine> Lines()
        {
            lock (lines)
            {
                return [.. lines];
            }
        }

        public void Dispose()
        {
            lock (lines)
            {
                file?.Dispose();
            }
        }
    }
}
