using Npgsql;
using PatternQuality.Contracts.Schema;

namespace PatternQuality.Api.Schema;

public sealed record AppliedMigration(int Version, string Name, DateTimeOffset AppliedAt, bool Adopted);

public sealed record SchemaState(int? LatestVersion, IReadOnlyList<AppliedMigration> Applied, bool ForeignKeyPresent);

public static class MigrationEndpoints
{
    public static IEndpointRouteBuilder MapMigrationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/migrations", GetSchemaStateAsync)
            .WithTags("Schema")
            .WithName("GetMigrations")
            .WithSummary("Applied migrations, and whether pattern_quality_metrics still has its foreign key to pattern_lineage_nodes.");
        return app;
    }

    private static async Task<SchemaState> GetSchemaStateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT version, name, applied_at, adopted FROM {SchemaNames.MigrationJournal} ORDER BY version"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(LineageForeignKey.CountSql));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var applied = new List<AppliedMigration>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(new AppliedMigration(reader.GetInt32(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetBoolean(3)));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new SchemaState(applied.Count == 0 ? null : applied[^1].Version, applied, reader.GetInt64(0) > 0);
    }
}
