using PatternQuality.Migrator.Journal;
using PatternQuality.Migrator.Migrations;

namespace PatternQuality.Migrator;

public static class JournalValidation
{
    /// <summary>Refuses to go on when a script that was applied has been edited since.</summary>
    public static void EnsureScriptsUnchanged(IReadOnlyList<JournalEntry> journal, MigrationCatalog catalog)
    {
        foreach (var entry in journal)
        {
            var migration = catalog.Find(entry.Version);
            if (migration is not null && migration.Checksum != entry.Checksum)
            {
                throw new MigratorException(
                    $"migration {migration.Label} was changed after it was applied (journal checksum {entry.Checksum[..12]}, file {migration.Checksum[..12]}); restore the file and put the change in a new migration");
            }
        }
    }
}
