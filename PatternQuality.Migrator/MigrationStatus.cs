using System.Globalization;
using Npgsql;
using PatternQuality.Migrator.Journal;
using PatternQuality.Migrator.Migrations;

namespace PatternQuality.Migrator;

/// <summary>Lists every known and every recorded migration with its state. Reads only.</summary>
public sealed class MigrationStatus(NpgsqlDataSource dataSource, MigrationCatalog catalog, TextWriter output)
{
    /// <returns>False when an applied script has been changed since it was applied.</returns>
    public async Task<bool> ReportAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DatabaseConnection.OpenAsync(dataSource, output, cancellationToken);
        IReadOnlyList<JournalEntry> journal = [];
        IReadOnlyList<Migration> adoptable = [];
        if (await MigrationJournal.ExistsAsync(connection, cancellationToken))
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

        var unchanged = true;
        output.WriteLine($"{"version",-9}{"name",-46}{"state",-10}applied at");
        var recorded = journal.ToDictionary(e => e.Version);
        foreach (var version in catalog.Migrations.Select(m => m.Version).Union(recorded.Keys).Order())
        {
            var migration = catalog.Find(version);
            recorded.TryGetValue(version, out var entry);
            var state = (migration, entry) switch
            {
                (_, null) => "pending",
                (null, _) => "unknown",
                _ when migration.Checksum != entry.Checksum => "changed",
                _ when entry.Adopted => "adopted",
                _ => "applied",
            };
            unchanged &= state != "changed";
            var appliedAt = entry?.AppliedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";
            output.WriteLine($"{version,-9:D3}{migration?.Name ?? entry?.Name,-46}{state,-10}{appliedAt}");
        }

        output.WriteLine(Summary(journal, adoptable));
        return unchanged;
    }

    /// <summary>The version the database is at and what <c>up</c> would do: the answer an operator looks for.</summary>
    private string Summary(IReadOnlyList<JournalEntry> journal, IReadOnlyList<Migration> adoptable)
    {
        var present = journal.Select(e => e.Version).Concat(adoptable.Select(m => m.Version)).ToHashSet();
        var pending = catalog.Migrations.Where(m => !present.Contains(m.Version)).Select(m => m.Version.ToString("D3", CultureInfo.InvariantCulture)).ToList();
        var at = present.Count == 0 ? "no migration applied" : $"at version {present.Max():D3}";
        var adopt = adoptable.Count == 0 ? "" : $"adopt {string.Join(", ", adoptable.Select(m => m.Version.ToString("D3", CultureInfo.InvariantCulture)))} and ";
        var apply = pending.Count == 0 ? "apply nothing" : $"apply {string.Join(", ", pending)}";
        return $"{at}; `up` would {adopt}{apply}";
    }
}
