using System.Collections.Concurrent;
using System.Diagnostics;

namespace PatternQuality.Migrator.Tests;

public sealed class TelemetryTests(PostgresServer server)
{
    private static readonly ActivitySource TestSource = new("PatternQuality.Migrator.Tests");

    [Fact]
    public async Task Each_migration_gets_a_span_under_the_run_span()
    {
        var database = await server.CreateDatabaseAsync();
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "PatternQuality.Migrator" or "PatternQuality.Migrator.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        ActivityTraceId traceId;
        using (var test = TestSource.StartActivity("test"))
        {
            traceId = test!.TraceId;
            Assert.Equal(0, (await MigratorHarness.RunAsync(database, "up")).ExitCode);
        }

        var ours = spans.Where(span => span.TraceId == traceId).ToList();
        var run = Assert.Single(ours, span => span.OperationName == "migrate up");
        var migrations = ours.Where(span => span.OperationName.StartsWith("migration ")).ToList();
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
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "PatternQuality.Migrator" or "PatternQuality.Migrator.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        ActivityTraceId traceId;
        using (var test = TestSource.StartActivity("test"))
        {
            traceId = test!.TraceId;
            Assert.Equal(1, (await MigratorHarness.RunAsync(database, "up", "--migrations-dir", set.Path)).ExitCode);
        }

        var failed = Assert.Single(spans, span => span.TraceId == traceId && span.OperationName == "migration 001 broken up");
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
    }
}
