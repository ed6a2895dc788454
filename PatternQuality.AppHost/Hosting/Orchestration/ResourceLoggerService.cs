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
    private readonly List<Channel<ConsoleLine>> watchers = [];
    private string? logDirectory;

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
            foreach (var watcher in watchers)
            {
                watcher.Writer.TryWrite(line);
            }
        }
    }

    public IReadOnlyList<ConsoleLine> GetLines(string resource) =>
        consoles.TryGetValue(resource, out var console) ? console.Lines() : [];

    public async IAsyncEnumerable<ConsoleLine> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<ConsoleLine>(new BoundedChannelOptions(LinesKept) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (gate)
        {
            watchers.Add(channel);
        }

        try
        {
            await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return line;
            }
        }
        finally
        {
            lock (gate)
            {
                watchers.Remove(channel);
            }
        }
    }

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
