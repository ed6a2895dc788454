using System.Collections.Concurrent;
using System.Net;

namespace PatternQuality.LocalQdrant.Storage;

/// <summary>All collections, loaded from the data folder at start-up (or kept in memory only when there is none).</summary>
public sealed class CollectionStore : IDisposable
{
    private readonly ConcurrentDictionary<string, Collection> collections = new(StringComparer.Ordinal);
    private readonly string? dataDirectory;
    private readonly Lock gate = new();

    public CollectionStore(string? dataDirectory)
    {
        this.dataDirectory = dataDirectory is null ? null : Path.Combine(dataDirectory, "collections");
        if (this.dataDirectory is null)
        {
            return;
        }

        Directory.CreateDirectory(this.dataDirectory);
        foreach (var directory in Directory.GetDirectories(this.dataDirectory))
        {
            var name = Uri.UnescapeDataString(Path.GetFileName(directory));
            collections[name] = CollectionLog.Load(name, directory);
        }
    }

    public IEnumerable<string> Names => collections.Keys.Order(StringComparer.Ordinal);

    public Collection Get(string name) =>
        collections.TryGetValue(name, out var collection) ? collection : throw QdrantError.CollectionNotFound(name);

    public bool Exists(string name) => collections.ContainsKey(name);

    public void Create(string name, VectorParams vectors)
    {
        ValidateName(name);
        lock (gate)
        {
            if (collections.ContainsKey(name))
            {
                throw QdrantError.CollectionExists(name);
            }

            var log = dataDirectory is null ? CollectionLog.InMemory() : CollectionLog.Create(DirectoryOf(name), vectors);
            collections[name] = new Collection(name, vectors, log);
        }
    }

    public bool Delete(string name)
    {
        lock (gate)
        {
            if (!collections.TryRemove(name, out var collection))
            {
                return false;
            }

            collection.CloseLog();
            if (dataDirectory is not null)
            {
                Directory.Delete(DirectoryOf(name), recursive: true);
            }

            return true;
        }
    }

    public void Dispose()
    {
        foreach (var collection in collections.Values)
        {
            collection.CloseLog();
        }
    }

    private string DirectoryOf(string name) => Path.Combine(dataDirectory!, Uri.EscapeDataString(name));

    private static void ValidateName(string name)
    {
        if (name.Length is 0 or > 255)
        {
            throw QdrantError.Validation("collection_name: must be 1 to 255 characters long");
        }

        if (name.IndexOfAny(['<', '>', ':', '"', '/', '\\', '|', '?', '*', '\0']) >= 0 || name.Any(char.IsControl) || name is "." or "..")
        {
            throw QdrantError.Validation($"collection_name: collection name cannot contain \"<>:\\\"/\\\\|?*\" or control characters");
        }
    }
}
