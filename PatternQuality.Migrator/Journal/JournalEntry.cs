namespace PatternQuality.Migrator.Journal;

public sealed record JournalEntry(int Version, string Name, string Checksum, DateTimeOffset AppliedAt, bool Adopted);
