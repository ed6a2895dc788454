using PatternQuality.Migrator.Migrations;

namespace PatternQuality.Migrator.Tests;

public sealed class CatalogTests
{
    [Fact]
    public void The_built_in_set_keeps_the_production_numbers_and_can_roll_every_step_back()
    {
        var catalog = MigrationCatalog.BuiltIn();

        Assert.Equal("drop_pattern_quality_metrics_fk", catalog.Find(13)?.Name);
        Assert.Equal("ensure_pattern_quality_metrics_unique", catalog.Find(14)?.Name);
        Assert.All(catalog.Migrations.Where(m => m.Version < 13), m => Assert.InRange(m.Version, 1, 12));
        Assert.All(catalog.Migrations, m => Assert.NotNull(m.DownSql));
        Assert.Equal(catalog.Migrations.OrderBy(m => m.Version), catalog.Migrations);
    }

    [Theory]
    [InlineData("1_short.up.sql")]
    [InlineData("001_Upper.up.sql")]
    [InlineData("001_name.sql")]
    [InlineData("001_name.upp.sql")]
    [InlineData("notes.sql")]
    public void Misnamed_files_are_refused_rather_than_skipped(string fileName)
    {
        var error = Assert.Throws<MigratorException>(() => MigrationCatalog.FromFiles([(fileName, "SELECT 1")]));

        Assert.Contains(fileName, error.Message);
    }

    [Fact]
    public void A_rollback_without_its_migration_is_refused()
    {
        var error = Assert.Throws<MigratorException>(() => MigrationCatalog.FromFiles([("007_orphan.down.sql", "SELECT 1")]));

        Assert.Contains("007 orphan has no .up.sql", error.Message);
    }

    [Fact]
    public void One_version_with_two_names_is_refused()
    {
        var error = Assert.Throws<MigratorException>(() => MigrationCatalog.FromFiles(
            [("003_one.up.sql", "SELECT 1"), ("003_two.up.sql", "SELECT 2")]));

        Assert.Contains("two names", error.Message);
    }

    [Fact]
    public void Checksums_ignore_line_endings_but_not_content()
    {
        Assert.Equal(MigrationChecksum.Of("a\nb\n"), MigrationChecksum.Of("a\r\nb\r\n"));
        Assert.NotEqual(MigrationChecksum.Of("a\nb\n"), MigrationChecksum.Of("a\nc\n"));
    }
}
