using Npgsql;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.Backfill.Runs;
using PatternQuality.Contracts.Schema;
using Qdrant.Client.Grpc;

namespace PatternQuality.Backfill.Demo;

/// <summary>Writes the demo dataset into Qdrant and its lineage nodes into PostgreSQL, refusing to mix it with other data.</summary>
public sealed class DemoSeeder(QdrantPatterns qdrant, NpgsqlDataSource? dataSource, TextWriter output)
{
    private const int UpsertChunk = 1000;

    // The store persists each upsert before it answers: with one at a time, the seeder and the store wait on each other.
    private const int UpsertsInFlight = 4;

    /// <param name="schemaWait">how long to wait for pattern_lineage_nodes to appear (a migrator started beside the seeding)</param>
    public async Task SeedAsync(int patterns, int withLineage, int seed, TimeSpan schemaWait, CancellationToken cancellationToken)
    {
        if (Math.Min(withLineage, patterns) > 0 && dataSource is null)
        {
            throw new BackfillException("seed-demo needs the database for the lineage nodes: pass --database-url, or --with-lineage 0");
        }

        var collections = DemoDataset.CollectionSizes(patterns).Where(c => c.Points > 0).ToList();
        var existing = (await qdrant.ListCollectionsAsync(cancellationToken)).ToHashSet();
        foreach (var (collection, _) in collections.Where(c => existing.Contains(c.Collection)))
        {
            await EnsureOnlyDemoDataAsync(collection, seed, cancellationToken);
        }

        foreach (var (collection, _) in collections.Where(c => !existing.Contains(c.Collection)))
        {
            await qdrant.CreateCollectionAsync(collection, DemoDataset.VectorSize, cancellationToken);
        }

        // The points are generated chunk by chunk as the upserts take them, so memory stays that of the chunks in flight.
        var lineage = new List<LineageNode>();
        await Parallel.ForEachAsync(
            DemoDataset.Generate(patterns, withLineage, seed).Chunk(UpsertChunk),
            new ParallelOptions { MaxDegreeOfParallelism = UpsertsInFlight, CancellationToken = cancellationToken },
            async (chunk, ct) =>
            {
                lock (lineage)
                {
                    lineage.AddRange(chunk.Where(p => p.HasLineage).Select(p => new LineageNode(p.PatternId, p.Payload["pattern_name"]!.GetValue<string>())));
                }

                foreach (var group in chunk.GroupBy(p => p.Collection))
                {
                    await qdrant.UpsertAsync(group.Key, DemoPoints.ToPointStructs(group), ct);
                }
            });

        foreach (var (collection, points) in collections)
        {
            output.WriteLine($"seeded {points} points into {collection}");
        }

        if (lineage.Count > 0)
        {
            await WriteLineageAsync(dataSource!, lineage, schemaWait, cancellationToken);
            output.WriteLine($"seeded {lineage.Count} lineage nodes into pattern_lineage_nodes");
        }
    }

    private readonly record struct LineageNode(Guid PatternId, string Name);

    /// <summary>How many points the collections the demo writes to hold already (0 when they do not exist).</summary>
    public static async Task<long> HeldPointsAsync(QdrantPatterns qdrant, CancellationToken cancellationToken)
    {
        var existing = (await qdrant.ListCollectionsAsync(cancellationToken)).ToHashSet();
        var held = 0L;
        foreach (var collection in DemoDataset.Collections.Where(existing.Contains))
        {
            held += await qdrant.CountAsync(collection, cancellationToken);
        }

        return held;
    }

    /// <summary>Re-seeding the same demo is harmless; writing it over someone's patterns is not.</summary>
    private async Task EnsureOnlyDemoDataAsync(string collection, int seed, CancellationToken cancellationToken)
    {
        var foreign = 0L;
        var markerOnly = new WithPayloadSelector { Include = new PayloadIncludeSelector { Fields = { "seed_marker" } } };
        string? offset = null;
        do
        {
            var page = await qdrant.ScrollRecordsAsync(collection, offset, 1000, markerOnly, cancellationToken);
            foreign += page.Result.Count(point => !IsDemoPoint(point, seed));
            offset = page.NextPageOffset is { } next ? PointIdJson.From(next) : null;
        }
        while (offset is not null);

        if (foreign > 0)
        {
            throw new BackfillException(
                $"collection {collection} already holds {foreign} points that are not this demo's (seed {seed}); refusing to write into it");
        }
    }

    private static bool IsDemoPoint(RetrievedPoint point, int seed) =>
        point.Payload.TryGetValue("seed_marker", out var marker)
        && marker.KindCase == Value.KindOneofCase.StringValue && marker.StringValue == $"{DemoDataset.Marker}:{seed}";

    private async Task WriteLineageAsync(NpgsqlDataSource dataSource, IReadOnlyList<LineageNode> lineage, TimeSpan schemaWait, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var saidWaiting = false;
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO {SchemaNames.LineageNodes} (id, pattern_id, pattern_name, pattern_type, lineage_id, correlation_id, source_system)
            SELECT id, id::text, name, 'code', id, id, 'seed-demo'
            FROM unnest($1::uuid[], $2::text[]) AS n(id, name)
            ON CONFLICT (id) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = lineage.Select(p => p.PatternId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = lineage.Select(p => p.Name).ToArray() });
        while (true)
        {
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException ex) when (NotReadyYet(ex) && waited.Elapsed < schemaWait)
            {
                if (!saidWaiting)
                {
                    output.WriteLine($"waiting up to {schemaWait.TotalSeconds:0} s for the database and the migrator to create {SchemaNames.LineageNodes}");
                    saidWaiting = true;
                }

                await Task.Delay(SchemaPoll, cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                throw new BackfillException($"the database has no {SchemaNames.LineageNodes} table{(schemaWait > TimeSpan.Zero ? $" after {schemaWait.TotalSeconds:0} s" : "")}: run the migrator's `up` first");
            }
        }
    }

    private static readonly TimeSpan SchemaPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>A server still starting (no connection yet, its database not created yet) or a schema not migrated yet.</summary>
    private static bool NotReadyYet(NpgsqlException exception) =>
        exception is PostgresException postgres
            ? postgres.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.InvalidCatalogName
            : exception.IsTransient;
}
