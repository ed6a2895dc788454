using Npgsql;
using NpgsqlTypes;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.Contracts.Qdrant;
using Qdrant.Client.Grpc;

namespace PatternQuality.Backfill.Coverage;

/// <summary>
/// The pattern ids of every point of the collections, as a temporary table of the connection's transaction
/// (<see cref="Table"/>: pattern_id, collection), loaded by an id-only scroll streamed into COPY: this process holds one
/// page at a time, whatever the number of points, and PostgreSQL compares them with the scores.
/// </summary>
public static class QdrantPointSet
{
    public const string Table = "qdrant_points";

    private const int PageSize = 5_000;

    public static async Task LoadAsync(
        NpgsqlConnection connection, QdrantPatterns qdrant, IReadOnlyList<string> collections, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand($"CREATE TEMP TABLE {Table} (pattern_id uuid NOT NULL, collection text NOT NULL) ON COMMIT DROP", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var import = await connection.BeginBinaryImportAsync($"COPY {Table} (pattern_id, collection) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var collection in collections)
            {
                PointId? offset = null;
                do
                {
                    var (ids, next) = await qdrant.ScrollIdsAsync(collection, offset, PageSize, cancellationToken);
                    foreach (var id in ids)
                    {
                        await import.StartRowAsync(cancellationToken);
                        await import.WriteAsync(PatternIdOf(id), NpgsqlDbType.Uuid, cancellationToken);
                        await import.WriteAsync(collection, NpgsqlDbType.Text, cancellationToken);
                    }

                    offset = next;
                }
                while (offset is not null);
            }

            await import.CompleteAsync(cancellationToken);
        }

        await using var analyze = new NpgsqlCommand($"ANALYZE {Table}", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Guid PatternIdOf(PointId id) => id.PointIdOptionsCase == PointId.PointIdOptionsOneofCase.Num
        ? PointPatternId.FromInteger(id.Num)
        : PointUuid.TryParse(id.Uuid, out var uuid) ? uuid : throw new InvalidOperationException($"Qdrant returned the point id '{id.Uuid}', which is no UUID");
}
