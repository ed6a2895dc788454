namespace PatternQuality.Backfill.Tests.Runs;

/// <summary>A run is one trace: run, collection and batch spans, each batch with its Qdrant call (gRPC over HTTP/2) and its PostgreSQL commands.</summary>
public sealed class TelemetryTests(PostgresServer server)
{
    [Fact]
    public async Task Each_batch_span_holds_its_qdrant_scroll_and_its_postgresql_commands()
    {
        var database = await server.CreateDatabaseAsync();
        await using var qdrant = await LocalQdrantProcess.StartAsync();
        await DatabaseMigrations.ApplyAsync(database, "up");
        Assert.Equal(0, (await BackfillHarness.SeedAsync(database, qdrant, "--patterns", "120", "--with-lineage", "0")).ExitCode);
        using var capture = new TraceCapture("PatternQuality.Backfill", "Grpc.Net.Client", "System.Net.Http", "Npgsql");

        var run = await BackfillHarness.BackfillAsync(database, qdrant, "--batch-size", "50", "--collection", "code_patterns", "--parallel", "1");

        Assert.True(run.ExitCode == 0, run.ToString());
        var trace = capture.Finish();
        var root = Assert.Single(trace, s => s.OperationName == "backfill run");
        var collection = Assert.Single(trace, s => s.OperationName == "backfill collection code_patterns");
        Assert.Equal(root.SpanId, collection.ParentSpanId);
        var batches = trace.Where(s => s.OperationName == "backfill batch").ToList();
        Assert.Equal(3, batches.Count);
        Assert.All(batches, batch =>
        {
            Assert.Equal(collection.SpanId, batch.ParentSpanId);
            var children = trace.Where(s => s.ParentSpanId == batch.SpanId).ToList();
            var call = Assert.Single(children, c => c.Source.Name == "Grpc.Net.Client");
            var http = Assert.Single(trace, s => s.ParentSpanId == call.SpanId);
            Assert.Equal("System.Net.Http", http.Source.Name);
            Assert.EndsWith("/qdrant.Points/Scroll", http.GetTagItem("url.full")?.ToString());
            // New scores: the segment's row locked and checked, the COPY, the journal's record, in one transaction.
            var commands = children.Where(c => c.Source.Name == "Npgsql").OrderBy(c => c.StartTimeUtc)
                .Select(c => c.GetTagItem("db.query.text")?.ToString() ?? "").ToList();
            Assert.Equal(3, commands.Count);
            Assert.Contains("FOR UPDATE", commands[0]);
            Assert.StartsWith("COPY pattern_quality_metrics", commands[1].Trim());
            Assert.Contains("INSERT INTO backfill_run_batches", commands[2]);
        });
    }
}
