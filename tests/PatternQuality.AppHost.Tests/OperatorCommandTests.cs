using Npgsql;
using PatternQuality.Contracts.Answers;

namespace PatternQuality.AppHost.Tests;

/// <summary>Migration 013's procedures and the backfill's runs as commands on their resources, through Aspire's command service.</summary>
public sealed class OperatorCommandTests(OperatedSystem operated) : Migration013CommandTests<OperatedSystem>(operated), IClassFixture<OperatedSystem>
{
    [Fact]
    public async Task Status_names_each_migration_and_what_up_would_do()
    {
        var result = await system.ExecuteAsync("migrator", "migration-status");

        Assert.True(result.Success, result.Message);
        Assert.Equal("at version 020; `up` would apply nothing", result.Message);
        Assert.Contains(new MigrationState(13, "drop_pattern_quality_metrics_fk", MigrationStateKind.Applied, null),
            TestAppHost.AnswerOf<StatusAnswer>(result).Migrations.Select(m => m with { AppliedAt = null }));
    }

    [Fact]
    public async Task Run_again_on_an_unchanged_store_rewrites_no_row_and_its_progress_shows_on_the_resource()
    {
        var before = await system.RowVersionsAsync();

        var result = await system.ExecuteAsync("backfill", "backfill-run-again");

        Assert.True(result.Success, result.Message);
        Assert.Matches(@"^backfill run [0-9a-f-]{36} completed in \d+\.\d\d s: processed 1085, stored 0, unchanged 1085, rejected 0$", result.Message);
        Assert.Equal(before, await system.RowVersionsAsync());
        var backfill = await system.App.WaitForAsync("backfill", e => e.Snapshot.Properties.Any(p => p.Name == "backfill.progress"));
        Assert.Matches(@"^segments (\d+) of \1: \d+ of \d+ \(\d+%\)$", (string)backfill.Snapshot.Properties.Single(p => p.Name == "backfill.progress").Value!);
        var lastRun = await system.App.WaitForAsync("backfill", e => e.Snapshot.Properties.Any(p => p.Name == "backfill.run" && Equals(p.Value, result.Message!.Split(':')[0])));
        Assert.Equal("0", lastRun.Snapshot.Properties.Single(p => p.Name == "backfill.stored").Value?.ToString());
        Assert.Contains(await system.App.AnswersAsync("backfill"), answer => answer is RunProgressAnswer { Processed: 1085, Total: 1085, Stored: 0, Unchanged: 1085, Workers.Count: 0 });
    }

    [Fact]
    public async Task Check_coverage_shows_the_store_wholly_scored_on_the_resource_and_a_prune_of_another_count_is_refused_changing_nothing()
    {
        var before = await system.RowVersionsAsync();

        var coverage = await system.ExecuteAsync("backfill", "backfill-check-coverage");
        var wrongCount = await system.ExecuteAsync("backfill", "backfill-prune-orphans", ("orphans", "5"));

        Assert.True(coverage.Success, coverage.Message);
        Assert.Equal("Coverage: 100% (1,085 of 1,085), 0 orphan scores", coverage.Message);
        Assert.Equal((1085L, 1085L, 0L), TestAppHost.AnswerOf<CoverageAnswer>(coverage) is var answer ? (answer.Points, answer.Scored, answer.Orphans) : default);
        var backfill = await system.App.WaitForAsync("backfill", e => e.Snapshot.Properties.Any(p => p.Name == "backfill.coverage"));
        Assert.Equal("100% (1,085 of 1,085), 0 orphan scores", backfill.Snapshot.Properties.Single(p => p.Name == "backfill.coverage").Value);
        Assert.False(wrongCount.Success);
        Assert.StartsWith("0 orphan score(s) found, not the 5 confirmed: nothing was deleted", wrongCount.Message);
        Assert.Equal(before, await system.RowVersionsAsync());
    }

    [Fact]
    public async Task A_dry_run_reports_every_pattern_and_writes_nothing()
    {
        var before = await system.RowVersionsAsync();

        var result = await system.ExecuteAsync("backfill", "backfill-dry-run");

        Assert.True(result.Success, result.Message);
        Assert.Matches(@"^backfill dry run completed in \d+\.\d\d s: processed 1085, stored 0, unchanged 0, rejected 0$", result.Message);
        Assert.Equal((true, 0L, 1085L), TestAppHost.AnswerOf<BackfillSummaryAnswer>(result) is var dry ? (dry.DryRun, dry.Stored, dry.Processed) : default);
        Assert.Equal(before, await system.RowVersionsAsync());
    }

    [Fact]
    public async Task A_second_backfill_command_while_one_runs_is_refused_with_the_one_that_runs()
    {
        var results = await Task.WhenAll(
            system.ExecuteAsync("backfill", "backfill-run-again"),
            system.ExecuteAsync("backfill", "backfill-dry-run"));

        var refused = Assert.Single(results, r => !r.Success);
        Assert.Single(results, r => r.Success);
        Assert.Matches(@"^'(Run again|Dry run)' is running on backfill; '(Run again|Dry run)' can start once it has finished$", refused.Message);
    }

    [Fact]
    public async Task A_rollback_cancelled_while_it_waits_for_its_table_lock_changes_nothing_and_a_command_meanwhile_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = await system.RowVersionsAsync();

        // A reader holding the table keeps the rollback waiting for its lock, half-way through.
        await using var reader = system.Database.CreateDataSource();
        await using var connection = await reader.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var hold = new NpgsqlCommand("LOCK TABLE pattern_quality_metrics IN ACCESS SHARE MODE", connection, transaction))
        {
            await hold.ExecuteNonQueryAsync(ct);
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var rollback = system.ExecuteAsync("migrator", "rollback-013-delete-orphans", cancel.Token, ("orphans", "1020"));
        await Eventually.AssertAsync(
            async () => await system.Database.ScalarAsync<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'patternquality-migrator' AND wait_event_type = 'Lock'") > 0,
            "the rollback waiting for its table lock");

        var meanwhile = await system.ExecuteAsync("migrator", "verify-013");

        Assert.False(meanwhile.Success);
        Assert.Equal("'Roll back 013, deleting orphans' is running on migrator; 'Verify 013' can start once it has finished", meanwhile.Message);

        await cancel.CancelAsync();
        var cancelled = await rollback;
        await transaction.RollbackAsync(ct);

        // The killed migrator's session ends without a commit once it gets its lock: PostgreSQL rolls it back.
        Assert.True(cancelled.Canceled, cancelled.Message);
        await Eventually.AssertAsync(
            async () => await system.Database.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'patternquality-migrator'") == 0,
            "the cancelled migrator's session ending");
        Assert.Equal(0, await system.ForeignKeysAsync());
        Assert.Equal(20, await system.VersionAsync());
        Assert.Equal(before, await system.RowVersionsAsync());
        Assert.True((await system.ExecuteAsync("migrator", "verify-013")).Success);
    }

    [Fact]
    public async Task The_api_links_to_its_interactive_page_and_to_the_distribution()
    {
        var api = await system.App.WaitForAsync("api", e => e.Snapshot.Urls.Any(u => u.DisplayProperties.DisplayName == "Score distribution"));
        var urls = api.Snapshot.Urls.Where(u => u.DisplayProperties.DisplayName != "").ToDictionary(u => u.DisplayProperties.DisplayName, u => u.Url);
        using var http = new HttpClient();

        var scalar = await http.GetAsync(urls["API reference (Scalar)"], TestContext.Current.CancellationToken);
        var distribution = await http.GetStringAsync(urls["Score distribution"], TestContext.Current.CancellationToken);

        Assert.True(scalar.IsSuccessStatusCode, $"{urls["API reference (Scalar)"]}: {scalar.StatusCode}");
        Assert.EndsWith("/scalar", urls["API reference (Scalar)"]);
        Assert.Contains("\"total\":1085", distribution);
    }
}
