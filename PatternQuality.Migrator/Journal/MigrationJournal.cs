using Npgsql;
using PatternQuality.Contracts.Schema;
using PatternQuality.Migrator.Migrations;

namespace PatternQuality.Migrator.Journal;

/// <summary>The table that records which migrations a database holds, and with which script checksum.</summary>
public static class MigrationJournal
{
    public const string TableName = SchemaNames.MigrationJournal;

    public static async Task<bool> ExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT to_regclass('{TableName}') IS NOT NULL", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task CreateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        const string sql = $"""
            CREATE TABLE {TableName} (
                version      integer PRIMARY KEY,
                name         text NOT NULL,
                checksum     text NOT NULL,
                applied_at   timestamptz NOT NULL DEFAULT now(),
                applied_by   text NOT NULL DEFAULT current_user,
                execution_ms integer NOT NULL DEFAULT 0,
                adopted      boolean NOT NULL DEFAULT false
            );
            COMMENT ON TABLE {TableName} IS 'Schema migrations applied by PatternQuality.Migrator.';
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<JournalEntry>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT version, name, checksum, applied_at, adopted FROM {TableName} ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<JournalEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new JournalEntry(
                reader.GetInt32(0), reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetBoolean(4)));
        }

        return entries;
    }

    public static async Task RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Migration migration, long elapsedMs, bool adopted,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {TableName} (version, name, checksum, execution_ms, adopted) VALUES ($1, $2, $3, $4, $5)",
            connection, transaction)
        {
            Parameters =
            {
                new() { Value = migration.Version },
                new() { Value = migration.Name },
                new() { Value = migration.Checksum },
                new() { Value = (int)Math.Min(elapsedMs, int.MaxValue) },
                new() { Value = adopted },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task ForgetAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"DELETE FROM {TableName} WHERE version = $1", connection, transaction)
        {
            Parameters = { new() { Value = version } },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
