using System.Diagnostics;

namespace PatternQuality.Migrator.Tests;

public sealed class TelemetryTests(PostgresServer server)
{
    [Fact]
    public async Task Each_migration_gets_a_span_under_the_run_span()
    {
        var database = await server.CreateDatabaseAsync();
        using var capture = new TraceCapture("PatternQuality.Migrator");

        Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up")).ExitCode);

        var trace = capture.Finish();
        var run = Assert.Single(trace, span => span.OperationName == "migrate up");
        var migrations = trace.Where(span => span.OperationName.StartsWith("migration ")).ToList();
        Assert.Equal(
            Migrations.MigrationCatalog.BuiltIn().Migrations.Select(m => (object?)m.Version),
            migrations.OrderBy(span => (int)span.GetTagItem("db.migration.version")!).Select(span => span.GetTagItem("db.migration.version")));
        Assert.All(migrations, span => Assert.Equal(run.SpanId, span.ParentSpanId));
        Assert.All(migrations, span => Assert.Equal("up", span.GetTagItem("db.migration.direction")));
    }

    [Fact]
    public async Task A_failed_migration_marks_its_span_as_an_error()
    {
        var database = await server.CreateDatabaseAsync();
        using var set = new MigrationSetDirectory(("001_broken.up.sql", "SELECT * FROM nowhere;"));
        using var capture = new TraceCapture("PatternQuality.Migrator");

        Assert.Equal(1, (await MigratorHarness.RunAsync(database, "up", "--migrations-dir", set.Path)).ExitCode);

        var failed = Assert.Single(capture.Finish(), span => span.OperationName == "migration 001 broken up");
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
    }
}
