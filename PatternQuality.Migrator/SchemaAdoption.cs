using Npgsql;
using PatternQuality.Migrator.Journal;
using PatternQuality.Migrator.Migrations;

namespace PatternQuality.Migrator;

/// <summary>
/// Brings a database that predates the journal (production was built by hand) under the
/// migrator: the journal is created and every migration whose work is already there,
/// in order and without gaps, is recorded as applied instead of being run.
/// </summary>
public static class SchemaAdoption
{
    public static async Task<IReadOnlyList<Migration>> CreateJournalAndAdoptAsync(
        NpgsqlConnection connection, MigrationCatalog catalog, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await MigrationJournal.CreateAsync(connection, transaction, cancellationToken);

        var adopted = await FindAdoptableAsync(connection, transaction, catalog, cancellationToken);
        foreach (var migration in adopted)
        {
            await MigrationJournal.RecordAsync(connection, transaction, migration, elapsedMs: 0, adopted: true, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return adopted;
    }

    /// <summary>The leading migrations whose work the database already holds.</summary>
    public static async Task<IReadOnlyList<Migration>> FindAdoptableAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, MigrationCatalog catalog, CancellationToken cancellationToken)
    {
        var adoptable = new List<Migration>();
        foreach (var migration in catalog.Migrations)
        {
            if (migration.AdoptionProbeSql is null)
            {
                break;
            }

            await using var probe = new NpgsqlCommand(migration.AdoptionProbeSql, connection, transaction);
            if (await probe.ExecuteScalarAsync(cancellationToken) is not true)
            {
                break;
            }

            adoptable.Add(migration);
        }

        return adoptable;
    }
}
