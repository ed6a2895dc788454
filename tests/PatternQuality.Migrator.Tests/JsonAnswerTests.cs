using PatternQuality.Contracts.Answers;
using PatternQuality.Migrator.Migrations;

namespace PatternQuality.Migrator.Tests;

/// <summary>`--output json`: every command's stdout is its answers and nothing else, the failures included.</summary>
public sealed class JsonAnswerTests(PostgresServer server)
{
    [Fact]
    public async Task Up_answers_each_step_and_the_version_and_a_second_up_answers_nothing_to_apply()
    {
        var database = await server.CreateDatabaseAsync();

        var first = await AnswerAsync<MigrationAnswer>(database, 0, "up");
        var second = await AnswerAsync<MigrationAnswer>(database, 0, "up");

        var catalog = MigrationCatalog.BuiltIn().Migrations;
        Assert.Equal(catalog.Select(m => (m.Version, m.Name)), first.Steps.Select(s => (s.Version, s.Name)));
        Assert.Equal(MigrationDirection.Up, first.Direction);
        Assert.Equal(catalog[^1].Version, first.Version);
        Assert.Empty(second.Steps);
        Assert.Equal(first.Version, second.Version);
        Assert.EndsWith("nothing to apply", second.Headline());
    }

    [Fact]
    public async Task Status_answers_each_migration_with_its_state_and_what_up_would_apply()
    {
        var database = await server.CreateDatabaseAsync();
        await AnswerAsync<MigrationAnswer>(database, 0, "up", "--to", "13");

        var status = await AnswerAsync<StatusAnswer>(database, 0, "status");

        Assert.Equal(13, status.Version);
        Assert.True(status.JournalExists);
        Assert.Equal([1, 2, 13], status.Migrations.Where(m => m.State == MigrationStateKind.Applied).Select(m => m.Version));
        Assert.Equal(status.WouldApply, status.Migrations.Where(m => m.State == MigrationStateKind.Pending).Select(m => m.Version));
        Assert.Contains(14, status.WouldApply);
        Assert.All(status.Migrations.Where(m => m.State == MigrationStateKind.Applied), m => Assert.NotNull(m.AppliedAt));
    }

    [Fact]
    public async Task Verify_answers_the_checks_and_a_failed_verify_answers_them_too_with_exit_code_1()
    {
        var database = await server.CreateDatabaseAsync();
        await AnswerAsync<MigrationAnswer>(database, 0, "up");
        foreach (var score in new[] { 0.95, 0.75, 0.6, 0.2 })
        {
            await Schema.InsertScoreAsync(database, Guid.NewGuid(), score);
        }

        var passed = await AnswerAsync<VerifyAnswer>(database, 0, "verify");
        var failed = await AnswerAsync<VerifyAnswer>(database, 1, "verify", "--expect-rows", "5");

        Assert.True(passed.Passed);
        Assert.Equal((0L, true, 4L), (passed.ForeignKeys, passed.UniqueKey, passed.Rows));
        Assert.Equal(new BandCounts(1, 1, 1, 1), passed.Bands);
        Assert.Equal(0.625, passed.AverageQuality!.Value, 6);
        Assert.False(failed.Passed);
        Assert.Equal(["4 rows where 5 were expected"], failed.Failures);
    }

    [Fact]
    public async Task A_refused_rollback_answers_the_orphan_count_as_a_field()
    {
        var database = await server.CreateDatabaseAsync();
        await RollbackTests.SeedScoresAsync(database, withLineage: 2, orphans: 3);

        var refused = await AnswerAsync<FailureAnswer>(database, 1, "down", "013");
        var miscounted = await AnswerAsync<FailureAnswer>(database, 1, "down", "013", "--delete-orphans", "--expect-orphans", "2");

        Assert.Equal((FailureKind.OrphansExist, 3L, (long?)null), (refused.Kind, refused.Orphans!.Value, refused.ConfirmedOrphans));
        Assert.Equal((FailureKind.OrphanCountChanged, 3L, (long?)2), (miscounted.Kind, miscounted.Orphans!.Value, miscounted.ConfirmedOrphans));
        Assert.Equal(0, await Schema.ForeignKeyRowsAsync(database));
    }

    [Fact]
    public async Task A_confirmed_rollback_answers_the_steps_and_the_orphans_it_deleted()
    {
        var database = await server.CreateDatabaseAsync();
        await RollbackTests.SeedScoresAsync(database, withLineage: 2, orphans: 3);

        var down = await AnswerAsync<MigrationAnswer>(database, 0, "down", "013", "--delete-orphans", "--expect-orphans", "3");

        Assert.Equal(MigrationDirection.Down, down.Direction);
        Assert.Equal(2, down.Version);
        Assert.Equal(MigrationCatalog.BuiltIn().Migrations.Where(m => m.Version >= 13).Select(m => m.Version).OrderDescending(), down.Steps.Select(s => s.Version));
        Assert.Equal(3, down.DeletedOrphans);
        Assert.Equal(1, await Schema.ForeignKeyRowsAsync(database));
    }

    [Fact]
    public async Task Without_orphans_a_rollback_deletes_none()
    {
        var database = await server.CreateDatabaseAsync();
        await RollbackTests.SeedScoresAsync(database, withLineage: 2, orphans: 0);

        var down = await AnswerAsync<MigrationAnswer>(database, 0, "down", "13");

        Assert.Null(down.DeletedOrphans);
        Assert.Equal(2, down.Version);
    }

    [Theory]
    [InlineData(new[] { "down" }, "down needs the migration to undo (down 013) or --to N, one of them")]
    [InlineData(new[] { "down", "013", "--to", "12" }, "down needs the migration to undo (down 013) or --to N, one of them")]
    [InlineData(new[] { "down", "zero" }, "zero")]
    public async Task A_usage_error_answers_a_usage_failure(string[] args, string named)
    {
        var result = await MigratorHarness.RunAsync([.. args, "--output", "json"]);

        Assert.Equal(2, result.ExitCode);
        var answer = ToolAnswers.Read(Assert.Single(MigratorHarness.Lines(result.Output)), "migrator");
        var failure = Assert.IsType<FailureAnswer>(answer);
        Assert.Equal((FailureKind.Usage, 2), (failure.Kind, failure.ExitCode));
        Assert.Contains(named, failure.Reason);
    }

    [Fact]
    public async Task An_unknown_output_format_is_a_usage_error_in_one_line()
    {
        var result = await MigratorHarness.RunAsync("up", "--output", "yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("yaml", Assert.Single(MigratorHarness.Lines(result.Error)));
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Undoing_a_migration_nobody_knows_is_refused_and_changes_nothing()
    {
        var database = await server.CreateDatabaseAsync();
        await AnswerAsync<MigrationAnswer>(database, 0, "up");
        var before = await Schema.FingerprintAsync(database);

        var refused = await AnswerAsync<FailureAnswer>(database, 1, "down", "099");

        Assert.StartsWith("there is no migration 099 to undo: this migrator knows 001, 002, 013", refused.Reason);
        Assert.Equal(before, await Schema.FingerprintAsync(database));
    }

    [Fact]
    public async Task A_connection_failure_answers_a_failure()
    {
        var result = await MigratorHarness.RunAsync("status", "--output", "json", "--database-url", "postgresql://nobody@127.0.0.1:1/none");

        Assert.Equal(1, result.ExitCode);
        var failure = Assert.IsType<FailureAnswer>(ToolAnswers.Read(Assert.Single(MigratorHarness.Lines(result.Output)), "migrator"));
        Assert.StartsWith("cannot connect to the database at", failure.Reason);
        Assert.Equal($"error: {failure.Reason}", Assert.Single(MigratorHarness.Lines(result.Error)));
    }

    /// <summary>Runs a command with <c>--output json</c>: the exit code expected, stdout exactly one answer of <typeparamref name="T"/>.</summary>
    private static async Task<T> AnswerAsync<T>(TestDatabase database, int exitCode, params string[] args) where T : ToolAnswer
    {
        var result = await MigratorHarness.RunAsync(database, [.. args, "--output", "json"]);
        Assert.True(result.ExitCode == exitCode, result.ToString());
        return Assert.IsType<T>(ToolAnswers.Read(Assert.Single(MigratorHarness.Lines(result.Output)), "migrator"));
    }
}
