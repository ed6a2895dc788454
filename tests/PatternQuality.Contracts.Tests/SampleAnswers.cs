using PatternQuality.Contracts.Answers;

namespace PatternQuality.Contracts.Tests;

/// <summary>One of each answer, every field set to something other than its default.</summary>
internal static class SampleAnswers
{
    public static IEnumerable<ToolAnswer> All() =>
    [
        new VerifyAnswer(1, true, 1085, 1000, new BandCounts(10, 20, 30, 1025), 0.4321, ["1085 rows where 1000 were expected"]),
        new StatusAnswer(14, false,
            [new MigrationState(1, "create_pattern_lineage", MigrationStateKind.Adopted, DateTimeOffset.Parse("2026-12-03T10:00:00Z")),
             new MigrationState(15, "create_backfill_runs", MigrationStateKind.Pending, null)],
            [1, 2, 13, 14], [15, 16, 17]),
        new MigrationAnswer(MigrationDirection.Down, 12, [new MigrationStep(17, "summarize_pattern_quality_bands", 4), new MigrationStep(13, "drop_pattern_quality_metrics_fk", 9)])
        {
            Adopted = [2],
            DeletedOrphans = 1020,
        },
        new BackfillSummaryAnswer(Guid.Parse("5f0c6d0e-0a43-4b6e-9a55-0d5b8a1f2c3d"), "completed", false, 1.25, 1085, 1085, 1000, 80, 5,
            new Dictionary<string, long> { ["empty_code"] = 5 }, new BandCounts(1, 2, 3, 1074),
            new ScoreAverages(0.41, 0.5, 0.6, 0.7, 0.8, 0.9), ["execution_patterns"]),
        new ProgressAnswer("code_patterns", 450, 1065, 300, 100, 50, 12_345),
        new RunProgressAnswer(Guid.Parse("0193a1b2-0a43-7b6e-9a55-0d5b8a1f2c3d"), "nightly", 5, 16, 40_000, 100_000, 39_000, 900, 100, 25_000,
            [new WorkerSegment("worker 1 host:42:abc123", 1, "code_patterns", 7, 3, DateTimeOffset.Parse("2026-12-05T10:00:30Z"))]),
        new SeedAnswer(1085, 65, 7),
        new CoverageAnswer(DateTimeOffset.Parse("2026-12-08T10:00:00Z"), "1.0.0", Guid.Parse("0193a1b2-0a43-7b6e-9a55-0d5b8a1f2c3d"), 400, 290, 10, 100, 785,
            [new CollectionCoverage("code_patterns", 380, 280, 10, 90, 780), new CollectionCoverage("execution_patterns", 20, 10, 0, 10, 5)]),
        new PruneAnswer(3, PruneAction.Undone, 785),
        new FailureAnswer(1, FailureKind.OrphansExist, "rollback of 013 failed") { Orphans = 1020, ConfirmedOrphans = 1000 },
    ];
}
