using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace PatternQuality.Api.Tests;

public sealed class OperatorTests(PostgresServer server)
{
    [Fact]
    public async Task Backfill_runs_are_listed_newest_first_with_progress_and_one_run_shows_its_segments()
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());
        var older = Guid.NewGuid();
        var newer = Guid.NewGuid();
        await api.Database.ExecuteAsync($$"""
            INSERT INTO backfill_runs (id, status, collections, scorer_version, started_at, processed, stored, rejected, rejected_by_reason)
            VALUES ('{{older}}', 'completed', '{code_patterns}', '1.0.0', now() - interval '1 hour', 1085, 65, 1020, '{"foreign_key_violation": 1020}'),
                   ('{{newer}}', 'running', '{code_patterns,execution_patterns}', '1.0.0', now(), 500, 500, 0, '{}');
            INSERT INTO backfill_run_collections (run_id, position, collection, segment, status, source_count, batches, processed)
            VALUES ('{{newer}}', 1, 'code_patterns', 0, 'running', 1065, 3, 300), ('{{newer}}', 1, 'code_patterns', 1, 'running', 1065, 2, 200),
                   ('{{newer}}', 2, 'execution_patterns', 0, 'pending', 20, 0, 0);
            """);

        var list = await api.GetJsonAsync("/backfill/runs");
        var one = await api.GetJsonAsync($"/backfill/runs/{newer}");
        var missing = await api.GetJsonAsync($"/backfill/runs/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal([newer, older], list.Body.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        Assert.Equal(1020, list.Body[1].GetProperty("rejected_by_reason").GetProperty("foreign_key_violation").GetInt32());
        Assert.Equal(1085, one.Body.GetProperty("source_count").GetInt64());
        Assert.Equal(500.0 / 1085, one.Body.GetProperty("progress").GetDouble(), 1e-9);
        Assert.Equal(3, one.Body.GetProperty("segments").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task A_run_shared_by_workers_shows_its_segments_done_of_total_each_lease_and_each_worker()
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());
        var run = Guid.NewGuid();
        await api.Database.ExecuteAsync($$"""
            INSERT INTO backfill_runs (id, name, segments, status, collections, scorer_version, started_at, processed, stored, rejected, rejected_by_reason)
            VALUES ('{{run}}', 'staging-7', 4, 'running', '{code_patterns}', '1.0.0', now(), 700, 700, 0, '{}');
            INSERT INTO backfill_run_collections (run_id, position, collection, segment, status, source_count, batches, processed,
                                                  lease_owner, worker_index, lease_epoch, lease_expires_at)
            VALUES ('{{run}}', 1, 'code_patterns', 0, 'completed', 1000, 3, 300, 'worker 0 a:1:aa', 0, 1, now() - interval '1 minute'),
                   ('{{run}}', 1, 'code_patterns', 1, 'running', 1000, 2, 200, 'worker 0 a:1:aa', 0, 1, now() + interval '30 seconds'),
                   ('{{run}}', 1, 'code_patterns', 2, 'running', 1000, 2, 200, 'worker 1 b:2:bb', 1, 2, now() - interval '5 seconds'),
                   ('{{run}}', 1, 'code_patterns', 3, 'pending', 1000, 0, 0, NULL, NULL, 0, NULL);
            INSERT INTO backfill_run_batches (run_id, collection, segment, sequence, epoch, worker, processed, stored)
            SELECT '{{run}}'::uuid, 'code_patterns', 0, n, 1, 'worker 0 a:1:aa', 100, 100 FROM generate_series(1, 3) n
            UNION ALL SELECT '{{run}}'::uuid, 'code_patterns', 1, n, 1, 'worker 0 a:1:aa', 100, 100 FROM generate_series(1, 2) n
            UNION ALL SELECT '{{run}}'::uuid, 'code_patterns', 2, n, 2, 'worker 1 b:2:bb', 100, 100 FROM generate_series(1, 2) n;
            """);

        var list = await api.GetJsonAsync("/backfill/runs");
        var one = (await api.GetJsonAsync($"/backfill/runs/{run}")).Body;

        Assert.Equal("staging-7", list.Body[0].GetProperty("name").GetString());
        Assert.Equal((1, 4), (one.GetProperty("segments_done").GetInt32(), one.GetProperty("segments_total").GetInt32()));
        var segments = one.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal([false, true, false, false], segments.Select(s => s.GetProperty("lease_live").GetBoolean()));
        Assert.Equal(("worker 1 b:2:bb", 1, 2), (segments[2].GetProperty("lease_owner").GetString(), segments[2].GetProperty("worker_index").GetInt32(),
            segments[2].GetProperty("lease_epoch").GetInt32()));

        var workers = one.GetProperty("workers").EnumerateArray().ToList();
        Assert.Equal(["worker 0 a:1:aa", "worker 1 b:2:bb"], workers.Select(w => w.GetProperty("worker").GetString()));
        Assert.Equal((5, 500L), (workers[0].GetProperty("batches").GetInt32(), workers[0].GetProperty("stored").GetInt64()));
        var held = Assert.Single(workers[0].GetProperty("holding").EnumerateArray());
        Assert.Equal((1, 1), (held.GetProperty("segment").GetInt32(), held.GetProperty("epoch").GetInt32()));
        Assert.Equal((2, 0), (workers[1].GetProperty("batches").GetInt32(), workers[1].GetProperty("holding").GetArrayLength()));
    }

    [Fact]
    public async Task Migrations_show_the_applied_versions_and_whether_the_foreign_key_is_there()
    {
        var database = await server.CreateDatabaseAsync();
        await using var before = await ApiHost.StartAsync(database, "up", "--to", "12");
        var at12 = await before.GetJsonAsync("/migrations");
        await using var after = await ApiHost.StartAsync(database, "up");
        var latest = await after.GetJsonAsync("/migrations");

        Assert.True(at12.Body.GetProperty("foreign_key_present").GetBoolean());
        Assert.Equal(2, at12.Body.GetProperty("latest_version").GetInt32());
        Assert.False(latest.Body.GetProperty("foreign_key_present").GetBoolean());
        Assert.Contains(13, latest.Body.GetProperty("applied").EnumerateArray().Select(m => m.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task The_api_database_sessions_refuse_every_write()
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());
        var dataSource = api.Services.GetRequiredService<NpgsqlDataSource>();

        await using var write = dataSource.CreateCommand("INSERT INTO pattern_quality_metrics (pattern_id, quality_score, confidence) VALUES (gen_random_uuid(), 0.5, 0.5)");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => write.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));

        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, refused.SqlState);
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics"));
    }

    [Fact]
    public async Task The_openapi_document_and_the_api_page_are_served_in_development()
    {
        await using var api = await ApiHost.StartAsync(await server.CreateDatabaseAsync());
        using var client = api.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        using var page = await client.GetAsync("/scalar", TestContext.Current.CancellationToken);

        foreach (var path in new[] { "/patterns/{patternId}/quality", "/quality", "/quality/distribution", "/backfill/runs", "/backfill/runs/{id}", "/migrations" })
        {
            Assert.Contains($"\"{path}\"", document);
        }

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task A_database_without_the_schema_is_a_503_that_names_the_migrator()
    {
        var database = await server.CreateDatabaseAsync();
        await using var api = await ApiHost.StartAsync(database, "up", "--to", "0");

        var (status, body) = await api.GetJsonAsync("/quality");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("Migrator", body.GetProperty("detail").GetString());
    }
}
