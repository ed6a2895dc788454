namespace PatternQuality.Migrator.Tests;

/// <summary>Questions the tests ask the database, phrased as an operator would.</summary>
public static class Schema
{
    /// <summary>The operator's check from the migration runbook: how many foreign keys pattern_quality_metrics has.</summary>
    public static async Task<int> ForeignKeyRowsAsync(TestDatabase database) =>
        (await database.ColumnAsync<string>("""
            SELECT constraint_name FROM information_schema.table_constraints
            WHERE table_name = 'pattern_quality_metrics' AND constraint_type = 'FOREIGN KEY'
            """)).Count;

    public static Task<List<int>> JournalVersionsAsync(TestDatabase database) =>
        database.ColumnAsync<int>("SELECT version FROM pattern_quality_migrations ORDER BY version");

    /// <summary>Every constraint, column and table of the public schema, to compare before and after.</summary>
    public static async Task<string> FingerprintAsync(TestDatabase database)
    {
        var tables = await database.ColumnAsync<string>(
            "SELECT table_name || ':' || column_name || ':' || data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1");
        var constraints = await database.ColumnAsync<string>(
            "SELECT conrelid::regclass || ':' || conname || ':' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1");
        var journal = await database.ScalarAsync<bool>("SELECT to_regclass('pattern_quality_migrations') IS NOT NULL")
            ? await database.ColumnAsync<string>("SELECT version || ':' || checksum || ':' || applied_at FROM pattern_quality_migrations ORDER BY version")
            : [];
        return string.Join('\n', tables.Concat(constraints).Concat(journal));
    }

    public static Task InsertLineageNodeAsync(TestDatabase database, Guid id) => database.ExecuteAsync($"""
        INSERT INTO pattern_lineage_nodes (id, pattern_id, pattern_name, pattern_type, lineage_id, correlation_id)
        VALUES ('{id}', '{id}', 'node', 'code', gen_random_uuid(), gen_random_uuid())
        """);

    public static Task InsertScoreAsync(TestDatabase database, Guid patternId, double score = 0.75) => database.ExecuteAsync($"""
        INSERT INTO pattern_quality_metrics (pattern_id, quality_score, confidence)
        VALUES ('{patternId}', {score.ToString(System.Globalization.CultureInfo.InvariantCulture)}, 0.9)
        """);
}
