using System.Globalization;
using Npgsql;
using PatternQuality.Contracts.Answers;
using PatternQuality.Migrator.Journal;
using PatternQuality.Migrator.Migrations;

namespace PatternQuality.Migrator;

/// <summary>Lists every known and every recorded migration with its state. Reads only.</summary>
public sealed class MigrationStatus(NpgsqlDataSource dataSource, MigrationCatalog catalog, TextWriter output)
{
    public async Task<StatusAnswer> ReportAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DatabaseConnection.OpenAsync(dataSource, output, cancellationToken);
        IReadOnlyList<JournalEntry> journal = [];
        IReadOnlyList<Migration> adoptable = [];
        var journalExists = await MigrationJournal.ExistsAsync(connection, cancellationToken);
        if (journalExists)
        {
            journal = await MigrationJournal.ReadAsync(connection, cancellationToken);
        }
        else
        {
            adoptable = await SchemaAdoption.FindAdoptableAsync(connection, null, catalog, cancellationToken);
            output.WriteLine(adoptable.Count == 0
                ? "no journal yet: `up` creates it"
                : $"no journal yet: `up` will adopt the existing schema up to {adoptable[^1].Label}");
        }

        var recorded = journal.ToDictionary(e => e.Version);
        var states = new List<MigrationState>();
        output.WriteLine($"{"version",-9}{"name",-46}{"state",-10}applied at");
        foreach (var version in catalog.Migrations.Select(m => m.Version).Union(recorded.Keys).Order())
        {
            var migration = catalog.Find(version);
            recorded.TryGetValue(version, out var entry);
            var state = (migration, entry) switch
            {
                (_, null) => MigrationStateKind.Pending,
                (null, _) => MigrationStateKind.Unknown,
                _ when migration.Checksum != entry.Checksum => MigrationStateKind.Changed,
                _ when entry.Adopted => MigrationStateKind.Adopted,
                _ => MigrationStateKind.Applied,
            };
            states.Add(new MigrationState(version, migration?.Name ?? entry!.Name, state, entry?.AppliedAt));
            var appliedAt = entry?.AppliedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";
            output.WriteLine($"{version,-9:D3}{states[^1].Name,-46}{state.ToString().ToLowerInvariant(),-10}{appliedAt}");
        }

        var present = journal.Select(e => e.Version).Concat(adoptable.Select(m => m.Version)).ToHashSet();
        var answer = new StatusAnswer(
            present.Count == 0 ? null : present.Max(),
            journalExists,
            states,
            [.. adoptable.Select(m => m.Version)],
            [.. catalog.Migrations.Where(m => !present.Contains(m.Version)).Select(m => m.Version)]);
        output.WriteLine(answer.Headline());
        return answer;
    }
}
