using System.Buffers;
using System.Text.Json;

namespace PatternQuality.LocalQdrant.Storage;

/// <summary>
/// A collection on disk: <c>config.json</c> with its vector parameters and <c>points.log</c>,
/// one JSON line per upsert or delete, replayed at start-up. A line cut short by a crash is
/// the only one that can be incomplete; it is dropped on replay.
/// </summary>
public sealed class CollectionLog : IDisposable
{
    private const string ConfigFile = "config.json";
    private const string LogFile = "points.log";

    // A line is written whole into this buffer, then to the file in one write: a JSON writer straight over the file
    // stream cost twice the time (dotnet-trace, batches of 1,000 demo points). Kept between lines unless one was huge.
    private const int KeptBufferBytes = 4 << 20;

    private readonly FileStream? stream;
    private ArrayBufferWriter<byte> line = new(1 << 16);

    private CollectionLog(FileStream? stream) => this.stream = stream;

    /// <summary>For a store without a data folder: nothing is written.</summary>
    public static CollectionLog InMemory() => new(null);

    public static CollectionLog Create(string directory, VectorParams vectors)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, ConfigFile), vectors.Json);
        return new CollectionLog(OpenForAppend(directory));
    }

    /// <summary>
    /// Replays the log; when it holds superseded or deleted points, rewrites it with only the
    /// live ones (temporary file, flushed, then renamed over the old), so restarts stay fast.
    /// </summary>
    public static Collection Load(string name, string directory)
    {
        var vectors = VectorParams.Parse(JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, ConfigFile))).RootElement);
        var logPath = Path.Combine(directory, LogFile);
        var state = new Collection(name, vectors, InMemory());
        var replayedEntries = 0L;
        var validLength = 0L;
        if (File.Exists(logPath))
        {
            var entries = new List<(bool Upsert, IReadOnlyList<StoredPoint> Points, IReadOnlyList<PointId> Ids)>();
            validLength = Replay(logPath, entries);
            foreach (var entry in entries)
            {
                replayedEntries += entry.Upsert ? entry.Points.Count : entry.Ids.Count;
                if (entry.Upsert)
                {
                    state.Apply(entry.Points);
                }
                else
                {
                    state.Remove(entry.Ids);
                }
            }
        }

        if (replayedEntries != state.Count || File.Exists(logPath) && new FileInfo(logPath).Length != validLength)
        {
            Compact(logPath, state.Snapshot());
        }

        var collection = new Collection(name, vectors, new CollectionLog(OpenForAppend(directory)));
        collection.Apply(state.Snapshot());
        return collection;
    }

    private static void Compact(string logPath, IReadOnlyList<StoredPoint> points)
    {
        var temporary = logPath + ".compacting";
        using (var compacted = new CollectionLog(new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16)))
        {
            foreach (var chunk in points.Chunk(1000))
            {
                compacted.AppendUpsert(chunk, durable: false);
            }

            compacted.stream!.Flush(flushToDisk: true);
        }

        File.Move(temporary, logPath, overwrite: true);
    }

    public void AppendUpsert(IReadOnlyList<StoredPoint> points, bool durable)
    {
        if (stream is null)
        {
            return;
        }

        line.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(line))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("upsert");
            foreach (var point in points)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("id");
                point.Id.WriteTo(writer);
                if (point.Vector is not null)
                {
                    writer.WritePropertyName("vector");
                    writer.WriteRawValue(point.Vector, skipInputValidation: true);
                }

                if (point.Payload is not null)
                {
                    writer.WritePropertyName("payload");
                    writer.WriteRawValue(point.Payload, skipInputValidation: true);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        EndLine(durable);
    }

    public void AppendDelete(IReadOnlyList<PointId> ids, bool durable)
    {
        if (stream is null)
        {
            return;
        }

        line.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(line))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("delete");
            foreach (var id in ids)
            {
                id.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        EndLine(durable);
    }

    public void Dispose() => stream?.Dispose();

    private void EndLine(bool durable)
    {
        line.Write("\n"u8);
        stream!.Write(line.WrittenSpan);
        stream.Flush(flushToDisk: durable);
        line = line.Capacity > KeptBufferBytes ? new ArrayBufferWriter<byte>(1 << 16) : line;
    }

    private static FileStream OpenForAppend(string directory) =>
        new(Path.Combine(directory, LogFile), FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16);

    private static long Replay(string logPath, List<(bool, IReadOnlyList<StoredPoint>, IReadOnlyList<PointId>)> entries)
    {
        var bytes = File.ReadAllBytes(logPath);
        var position = 0;
        while (position < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', position);
            if (end < 0)
            {
                break;
            }

            try
            {
                entries.Add(ParseLine(bytes.AsMemory(position, end - position)));
            }
            catch (JsonException)
            {
                break;
            }

            position = end + 1;
        }

        return position;
    }

    private static (bool, IReadOnlyList<StoredPoint>, IReadOnlyList<PointId>) ParseLine(ReadOnlyMemory<byte> line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.TryGetProperty("delete", out var deleted))
        {
            return (false, [], deleted.EnumerateArray().Select(ParseId).ToList());
        }

        var points = root.GetProperty("upsert").EnumerateArray().Select(point => new StoredPoint(
            ParseId(point.GetProperty("id")),
            point.TryGetProperty("vector", out var vector) ? RawJson.Bytes(vector) : null,
            point.TryGetProperty("payload", out var payload) ? RawJson.Bytes(payload) : null)).ToList();
        return (true, points, []);
    }

    private static PointId ParseId(JsonElement element) =>
        PointId.TryParse(element, out var id) ? id : throw new JsonException("bad id in log");
}
