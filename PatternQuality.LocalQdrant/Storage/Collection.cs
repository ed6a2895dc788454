namespace PatternQuality.LocalQdrant.Storage;

/// <summary>
/// One collection's points, ordered by id so that a scroll can start at any offset in
/// O(log n). Every change is written to the collection's log before it becomes visible.
/// </summary>
public sealed class Collection(string name, VectorParams vectors, CollectionLog log)
{
    private readonly SortedSet<PointId> order = [];
    private readonly Dictionary<PointId, StoredPoint> points = [];
    private readonly Lock gate = new();
    private long operations;

    public string Name { get; } = name;
    public VectorParams Vectors { get; } = vectors;

    public int Count
    {
        get
        {
            lock (gate)
            {
                return points.Count;
            }
        }
    }

    public long Upsert(IReadOnlyList<StoredPoint> batch, bool durable)
    {
        lock (gate)
        {
            log.AppendUpsert(batch, durable);
            Apply(batch);
            return operations++;
        }
    }

    public long Delete(IReadOnlyList<PointId> ids, bool durable)
    {
        lock (gate)
        {
            log.AppendDelete(ids, durable);
            Remove(ids);
            return operations++;
        }
    }

    /// <summary>Up to <paramref name="limit"/> points from the first id at or above <paramref name="offset"/>, and the id that starts the next page.</summary>
    public (List<StoredPoint> Page, PointId? Next) Scroll(PointId? offset, int limit)
    {
        lock (gate)
        {
            var page = new List<StoredPoint>(Math.Min(limit, points.Count));
            var view = offset is { } start ? order.GetViewBetween(start, PointId.Max) : order;
            foreach (var id in view)
            {
                if (page.Count == limit)
                {
                    return (page, id);
                }

                page.Add(points[id]);
            }

            return (page, null);
        }
    }

    public List<StoredPoint> Get(IEnumerable<PointId> ids)
    {
        lock (gate)
        {
            return ids.Select(id => points.GetValueOrDefault(id)).OfType<StoredPoint>().ToList();
        }
    }

    /// <summary>Every point in id order.</summary>
    internal List<StoredPoint> Snapshot()
    {
        lock (gate)
        {
            return order.Select(id => points[id]).ToList();
        }
    }

    /// <summary>Replays the log at start-up, before the collection is shared.</summary>
    internal void Apply(IReadOnlyList<StoredPoint> batch)
    {
        foreach (var point in batch)
        {
            points[point.Id] = point;
            order.Add(point.Id);
        }
    }

    internal void Remove(IReadOnlyList<PointId> ids)
    {
        foreach (var id in ids)
        {
            if (points.Remove(id))
            {
                order.Remove(id);
            }
        }
    }

    internal void CloseLog() => log.Dispose();
}
