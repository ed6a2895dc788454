namespace PatternQuality.Migrator.Migrations;

/// <param name="AdoptionProbeSql">
/// A query returning one boolean: true when an unjournaled database already holds what
/// this migration would create. Null when the migration can never be adopted.
/// </param>
public sealed record Migration(int Version, string Name, string UpSql, string? DownSql, string? AdoptionProbeSql)
{
    public string Checksum { get; } = MigrationChecksum.Of(UpSql);

    public string Label => $"{Version:D3} {Name}";
}
