using PatternQuality.Contracts.Answers;

namespace PatternQuality.AppHost.Tests;

/// <summary>013's operator procedures on the dashboard, the same in every server form: Verify 013 and the guarded rollback.</summary>
public abstract class Migration013CommandTests<TSystem>(TSystem system)
    where TSystem : OperatedSystem
{
    protected readonly TSystem system = system;

    [Fact]
    public async Task Verify_013_answers_the_operator_checks_and_writes_them_to_the_migrator_console()
    {
        var result = await system.ExecuteAsync("migrator", "verify-013");

        Assert.True(result.Success, result.Message);
        Assert.Matches(@"^verify: passed \(1085 rows, average quality 0\.\d{4}\)$", result.Message);
        var answer = TestAppHost.AnswerOf<VerifyAnswer>(result);
        Assert.Equal((0L, true, 1085L), (answer.ForeignKeys, answer.UniqueKey, answer.Rows));
        Assert.Equal(1085, answer.Bands.Excellent + answer.Bands.Good + answer.Bands.Fair + answer.Bands.Poor);
        Assert.InRange(answer.AverageQuality!.Value, 0, 1);
        Assert.True(result.Data!.DisplayImmediately);
        Assert.Contains(await system.App.AnswersAsync("migrator"), line => line is VerifyAnswer { Passed: true });
        Assert.Contains($"Information: migrator: Verify 013 succeeded: {result.Message}", system.OperationsLog());
    }

    [Fact]
    public async Task The_guarded_rollback_refuses_with_the_orphan_count_deletes_only_the_confirmed_count_and_reapply_and_run_again_restore_the_scores()
    {
        var before = await system.RowVersionsAsync();

        var refused = await system.ExecuteAsync("migrator", "rollback-013");

        Assert.False(refused.Success);
        Assert.Contains("1020 orphan score rows have no pattern_lineage_nodes row; nothing was changed", refused.Message);
        Assert.EndsWith("run 'Roll back 013, deleting orphans' and confirm 1020.", refused.Message);
        Assert.Contains(system.OperationsLog(), line => line.StartsWith("Warning: migrator: Roll back 013 failed (exit code 1): rollback of 013", StringComparison.Ordinal));
        Assert.Contains(await system.App.ConsoleAsync("migrator"), line => line.Contains("1020 orphan score rows have no pattern_lineage_nodes row"));
        await AssertUnchangedAsync();

        var wrongCount = await system.ExecuteAsync("migrator", "rollback-013-delete-orphans", ("orphans", "1000"));

        Assert.False(wrongCount.Success);
        Assert.Contains("1000 were confirmed but 1020 have no pattern_lineage_nodes row now; nothing was changed", wrongCount.Message);
        await AssertUnchangedAsync();

        // Aspire refuses what is not a number at all; the command refuses a number that is not a count.
        var notANumber = await system.ExecuteAsync("migrator", "rollback-013-delete-orphans", ("orphans", "all of them"));

        Assert.False(notANumber.Success);
        Assert.Equal("Command argument validation failed.", notANumber.Message);
        await AssertUnchangedAsync();

        var negative = await system.ExecuteAsync("migrator", "rollback-013-delete-orphans", ("orphans", "-1020"));

        Assert.False(negative.Success);
        Assert.Equal("'-1020' is not a number of scores: give the count 'Roll back 013' named, a whole number of 0 or more", negative.Message);
        await AssertUnchangedAsync();

        var rolledBack = await system.ExecuteAsync("migrator", "rollback-013-delete-orphans", ("orphans", "1020"));

        Assert.True(rolledBack.Success, rolledBack.Message);
        Assert.Equal("database is at version 002; rolled back 8 migration(s), deleted 1020 orphan score rows", rolledBack.Message);
        Assert.Equal(1020, TestAppHost.AnswerOf<MigrationAnswer>(rolledBack).DeletedOrphans);
        Assert.Equal(1, await system.ForeignKeysAsync());
        Assert.Equal(65, await system.RowsAsync());
        Assert.Equal(2, await system.VersionAsync());

        var reapplied = await system.ExecuteAsync("migrator", "reapply");

        Assert.True(reapplied.Success, reapplied.Message);
        Assert.Equal("database is at version 020; applied 8 migration(s)", reapplied.Message);
        Assert.Equal(0, await system.ForeignKeysAsync());

        var ranAgain = await system.ExecuteAsync("backfill", "backfill-run-again");

        Assert.True(ranAgain.Success, ranAgain.Message);
        Assert.Contains("processed 1085, stored 1020, unchanged 65, rejected 0", ranAgain.Message);
        Assert.Equal(1085, await system.RowsAsync());

        async Task AssertUnchangedAsync()
        {
            Assert.Equal(0, await system.ForeignKeysAsync());
            Assert.Equal(20, await system.VersionAsync());
            Assert.Equal(before, await system.RowVersionsAsync());
        }
    }
}
