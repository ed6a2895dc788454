using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace PatternQuality.AppHost.Hosting.Orchestration;

/// <summary>
/// Hands every item sent to each current watcher, each through a channel of its own. Sending and
/// registering share the owner's lock, so a watcher's first items and the live ones neither
/// overlap in a gap nor miss one.
/// </summary>
internal sealed class Broadcast<T>(Lock gate, Func<Channel<T>> newChannel)
{
    private readonly List<Channel<T>> watchers = [];

    /// <summary>Call under the owner's lock.</summary>
    public void Send(T item)
    {
        foreach (var watcher in watchers)
        {
            watcher.Writer.TryWrite(item);
        }
    }

    /// <summary><paramref name="current"/> is read under the owner's lock, then every item sent after it.</summary>
    public async IAsyncEnumerable<T> WatchAsync(Func<IEnumerable<T>> current, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = newChannel();
        lock (gate)
        {
            foreach (var item in current())
            {
                channel.Writer.TryWrite(item);
            }

            watchers.Add(channel);
        }

        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return item;
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
}
