using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PatternQuality.AppHost.Tests;

/// <summary>The whole system from the real Program.cs, on Aspire.Hosting.Testing, as local processes under DCP.</summary>
public sealed class EndToEndTests
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_first_run_serves_1085_scores_and_a_second_run_on_the_kept_data_applies_and_stores_nothing()
    {
        var dataDirectory = TestAppHost.NewDataDirectory();
        try
        {
            var first = await TestAppHost.StartAsync(dataDirectory: dataDirectory);
            await using (first)
            {
                await first.AssertFinishedWithZeroAsync("migrator");
                await first.AssertFinishedWithZeroAsync("backfill");
                await first.WaitForHealthyAsync("api");
                Assert.Equal(1085, await first.DistributionTotalAsync());
                Assert.Contains(await first.ConsoleAsync("seed-demo"), line => line.Contains("seeded 1065 points into code_patterns"));
                Assert.Equal(1085, (await first.BackfillSummaryAsync()).Stored);
            }

            Assert.Empty(await first.Processes.SurvivorsAfterAsync(StopGrace));
            Assert.True(File.Exists(Path.Combine(dataDirectory, "postgres", "data", "PG_VERSION")), "PostgreSQL's cluster is kept");

            await using var second = await TestAppHost.StartAsync(dataDirectory: dataDirectory);
            await second.AssertFinishedWithZeroAsync("migrator");
            await second.AssertFinishedWithZeroAsync("backfill");
            await second.WaitForHealthyAsync("api");
            Assert.Equal(1085, await second.DistributionTotalAsync());
            Assert.Contains(await second.ConsoleAsync("migrator"), line => line.Contains("nothing to apply"));
            Assert.Contains(await second.ConsoleAsync("seed-demo"), line => line.Contains("not seeding"));
            var again = await second.BackfillSummaryAsync();
            Assert.Equal((0L, 1085L), (again.Stored, again.Unchanged));
            await second.DisposeAsync();
            Assert.Empty(await second.Processes.SurvivorsAfterAsync(StopGrace));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_failing_migrator_keeps_its_dependents_from_ever_starting()
    {
        // A real failure of the real program: verify refuses a database without the expected rows.
        var app = await TestAppHost.StartAsync(arrange: builder =>
        {
            var migrator = builder.Resources.Single(r => r.Name == "migrator");
            foreach (var args in migrator.Annotations.OfType<CommandLineArgsCallbackAnnotation>().ToList())
            {
                migrator.Annotations.Remove(args);
            }

            builder.CreateResourceBuilder((ProjectResource)migrator).WithArgs("verify", "--expect-rows", "5");

            // The seeding runs beside the migrator and waits for the lineage table only so long.
            var seed = builder.Resources.Single(r => r.Name == "seed-demo");
            foreach (var args in seed.Annotations.OfType<CommandLineArgsCallbackAnnotation>().ToList())
            {
                seed.Annotations.Remove(args);
            }

            builder.CreateResourceBuilder((ProjectResource)seed).WithArgs("seed-demo", "--if-empty", "--wait-for-schema", "3");
        });
        await using (app)
        {
            var migrator = await app.WaitForTerminalAsync("migrator");
            Assert.Equal(KnownResourceStates.Finished, migrator.Snapshot.State?.Text);
            Assert.Equal(1, migrator.Snapshot.ExitCode);
            Assert.Contains(await app.ConsoleAsync("migrator"), line => line.Contains("verify failed"));

            var seeding = (await app.WaitForTerminalAsync("seed-demo")).Snapshot;
            Assert.Equal(1, seeding.ExitCode);
            Assert.Contains(await app.ConsoleAsync("seed-demo"), line => line.Contains("no pattern_lineage_nodes table after 3 s"));

            foreach (var dependent in new[] { "backfill", "api" })
            {
                var snapshot = (await app.WaitForTerminalAsync(dependent)).Snapshot;
                Assert.Equal(KnownResourceStates.FailedToStart, snapshot.State?.Text);
                Assert.Null(snapshot.StartTimeStamp);
                Assert.DoesNotContain(snapshot.Properties, p => p.Name.EndsWith(".pid", StringComparison.Ordinal) && p.Value is not (null or ""));
            }
        }

        Assert.Empty(await app.Processes.SurvivorsAfterAsync(StopGrace));
    }

    [Fact]
    public async Task Projects_receive_the_environment_DESIGN_md_names()
    {
        var app = await TestAppHost.StartAsync();
        await using (app)
        {
            await app.WaitForHealthyAsync("api");
            var api = app.EnvironmentOf("api");

            Assert.Matches(@"^Host=127\.0\.0\.1;Port=\d+;Username=postgres;Password=[^;]{16,};Database=omninode_bridge$",
                api["ConnectionStrings__omninode-bridge"]);
            Assert.Equal(await app.App.GetConnectionStringAsync("omninode-bridge", TestContext.Current.CancellationToken),
                api["ConnectionStrings__omninode-bridge"]);
            Assert.Equal("api", api["OTEL_SERVICE_NAME"]);
            Assert.DoesNotContain(api.Keys, name => name.StartsWith("ConnectionStrings__qdrant", StringComparison.Ordinal));

            await app.AssertFinishedWithZeroAsync("backfill");
            var backfill = await app.EnvironmentGivenToAsync("backfill");
            Assert.Matches(@"^Endpoint=http://localhost:\d+;Key=[A-Za-z0-9]{16,}$", backfill["ConnectionStrings__qdrant"]);
            Assert.Equal(await app.App.GetConnectionStringAsync("qdrant", TestContext.Current.CancellationToken), backfill["ConnectionStrings__qdrant"]);

            // The REST API's too, as Aspire.Hosting.Qdrant gives it: the same key, the store's REST port.
            var rest = Regex.Match(backfill["ConnectionStrings__qdrant_http"], @"^Endpoint=(http://localhost:\d+);Key=([A-Za-z0-9]{16,})$");
            Assert.True(rest.Success, backfill["ConnectionStrings__qdrant_http"]);
            Assert.EndsWith($";Key={rest.Groups[2].Value}", backfill["ConnectionStrings__qdrant"]);
            using (var qdrantRest = new HttpClient { BaseAddress = new Uri(rest.Groups[1].Value) })
            {
                qdrantRest.DefaultRequestHeaders.Add("api-key", rest.Groups[2].Value);
                var collections = await qdrantRest.GetFromJsonAsync<JsonElement>("/collections", TestContext.Current.CancellationToken);
                Assert.Contains(collections.GetProperty("result").GetProperty("collections").EnumerateArray(), c => c.GetProperty("name").GetString() == "code_patterns");
            }

            Assert.Equal(api["ConnectionStrings__omninode-bridge"], backfill["ConnectionStrings__omninode-bridge"]);

            using var client = app.App.CreateHttpClient("api");
            Assert.True((await client.GetAsync("/health", TestContext.Current.CancellationToken)).IsSuccessStatusCode);
        }

        Assert.Empty(await app.Processes.SurvivorsAfterAsync(StopGrace));
    }
}
