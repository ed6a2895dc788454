using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace PatternQuality.AppHost.Tests;

/// <summary>Parameters:backfill-workers in run mode: that many backfill replicas, one run between them, every pattern once.</summary>
public sealed class BackfillWorkersTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Two_backfill_replicas_share_one_run_and_store_every_pattern_exactly_once()
    {
        await using var app = await TestAppHost.StartAsync(["--Parameters:backfill-workers=2"]);

        var model = app.App.Services.GetRequiredService<DistributedApplicationModel>();
        Assert.Equal(2, model.Resources.Single(r => r.Name == "backfill").Annotations.OfType<ReplicaAnnotation>().Single().Replicas);
        foreach (var (replica, snapshot) in await app.WaitForEveryReplicaTerminalAsync("backfill", 2))
        {
            Assert.True(snapshot is { ExitCode: 0 } && snapshot.State?.Text == KnownResourceStates.Finished,
                $"backfill replica {replica} ended {snapshot.State?.Text} (exit {snapshot.ExitCode})");
        }

        await app.WaitForHealthyAsync("api");
        Assert.Equal(1085, await app.DistributionTotalAsync());

        using var api = app.App.CreateHttpClient("api");
        var ct = TestContext.Current.CancellationToken;
        var run = Assert.Single((await api.GetFromJsonAsync<List<RunListing>>("/backfill/runs", Web, ct))!);
        Assert.StartsWith("apphost-", run.Name);
        var detail = (await api.GetFromJsonAsync<RunDetail>($"/backfill/runs/{run.Id}", Web, ct))!;
        Assert.Equal(("completed", 1085L, 1085L), (detail.Status, detail.Processed, detail.Stored));
        Assert.Equal(detail.SegmentsTotal, detail.SegmentsDone);
        // What each worker's batches recorded adds up to the run: no pattern was scored twice between them.
        Assert.Equal(1085L, detail.Workers.Sum(w => w.Processed));
        Assert.Equal(detail.Segments.Sum(s => s.Batches), detail.Workers.Sum(w => w.Batches));
    }

    private sealed record RunListing(Guid Id, string? Name);

    private sealed record RunDetail(
        string Status, long Processed, long Stored, int SegmentsDone, int SegmentsTotal, List<SegmentBatches> Segments, List<WorkerBatches> Workers);

    private sealed record SegmentBatches(int Batches);

    private sealed record WorkerBatches(string Worker, int Batches, long Processed);
}
