using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace PatternQuality.AppHost.Tests;

/// <summary>The docker-compose file, read back with YamlDotNet: ordering by depends_on, secrets as variables only.</summary>
public sealed partial class ComposeTests
{
    [Fact]
    public async Task The_migrator_is_a_one_shot_service_its_dependents_wait_to_complete()
    {
        var services = Map(Parse(await Published.TextAsync("compose"))["services"]);

        Assert.Equal(["postgres", "qdrant", "migrator", "backfill", "api"], services.Keys);
        var migrator = Map(services["migrator"]);
        Assert.Equal("no", migrator["restart"]);
        Assert.Equal(["up"], List(migrator["command"]));
        Assert.Equal("service_healthy", Condition(migrator, "postgres"));

        var backfill = Map(services["backfill"]);
        Assert.Equal("service_completed_successfully", Condition(backfill, "migrator"));
        Assert.Equal("service_healthy", Condition(backfill, "qdrant"));
        Assert.Equal("no", backfill["restart"]);

        var api = Map(services["api"]);
        Assert.Equal("service_completed_successfully", Condition(api, "migrator"));
        Assert.Equal("8080", Map(api["environment"])["HTTP_PORTS"]);
        Assert.Single(List(api["ports"]));

        Assert.Contains("pg_isready", string.Join(' ', List(Map(Map(services["postgres"])["healthcheck"])["test"])));
    }

    [Fact]
    public async Task Services_reach_each_other_by_name_and_secrets_are_required_variables()
    {
        var text = await Published.TextAsync("compose");
        var services = Map(Parse(text)["services"]);

        Assert.Equal("Host=postgres;Port=5432;Username=postgres;Password=${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD};Database=omninode_bridge",
            Map(Map(services["migrator"])["environment"])["ConnectionStrings__omninode-bridge"]);
        Assert.Equal("Endpoint=http://qdrant:6334;Key=${QDRANT_KEY:?set QDRANT_KEY}",
            Map(Map(services["backfill"])["environment"])["ConnectionStrings__qdrant"]);
        Assert.Equal("${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}", Map(Map(services["postgres"])["environment"])["POSTGRES_PASSWORD"]);

        var variables = Variable().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Subset(new HashSet<string> { "POSTGRES_PASSWORD", "QDRANT_KEY", "PATTERNQUALITY_REGISTRY", "PATTERNQUALITY_TAG", "API_PORT", "API_ADDRESS", "POSTGRES_IMAGE", "QDRANT_IMAGE", "BACKFILL_RUN_NAME" }, variables);
        Assert.Equal("${POSTGRES_IMAGE:-docker.io/library/postgres:18.3}", Map(services["postgres"])["image"]);
        Assert.Equal("${QDRANT_IMAGE:-docker.io/qdrant/qdrant:v1.19.0}", Map(services["qdrant"])["image"]);
        Assert.False(Parse(text).ContainsKey("name"), "Compose 1.29 refuses a top-level name");
        Assert.DoesNotContain(Published.PostgresPassword, text);
        Assert.DoesNotContain(Published.QdrantKey, text);
    }

    [Fact]
    public async Task The_backfill_workers_are_replicas_that_must_be_given_the_run_they_share()
    {
        var backfill = Map(Map(Parse(await Published.TextAsync("compose", null, "--Parameters:backfill-workers=4"))["services"])["backfill"]);

        Assert.Equal(4, int.Parse((string)Map(backfill["deploy"])["replicas"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("${BACKFILL_RUN_NAME:?set BACKFILL_RUN_NAME: ", (string)Map(backfill["environment"])["BACKFILL_RUN_NAME"]);
    }

    [Fact]
    public async Task Backfill_every_keeps_the_backfill_service_running_passes()
    {
        var backfill = Map(Map(Parse(await Published.TextAsync("compose", null, "--Parameters:backfill-every=6h"))["services"])["backfill"]);
        var once = Map(Map(Parse(await Published.TextAsync("compose"))["services"])["backfill"]);

        Assert.Equal(["--every", "6h"], List(backfill["command"])[^2..]);
        Assert.Equal(("unless-stopped", "no"), ((string)backfill["restart"], (string)once["restart"]));
    }

    [Fact]
    public async Task One_backfill_worker_needs_no_run_name_but_takes_one()
    {
        var backfill = Map(Map(Parse(await Published.TextAsync("compose"))["services"])["backfill"]);

        Assert.False(backfill.ContainsKey("deploy"));
        Assert.Equal("${BACKFILL_RUN_NAME:-}", Map(backfill["environment"])["BACKFILL_RUN_NAME"]);
    }

    private static Dictionary<object, object> Parse(string yaml) => new Deserializer().Deserialize<Dictionary<object, object>>(yaml);

    private static Dictionary<string, object> Map(object node) =>
        ((Dictionary<object, object>)node).ToDictionary(entry => (string)entry.Key, entry => entry.Value);

    private static List<string> List(object node) => ((List<object>)node).Cast<string>().ToList();

    private static string Condition(Dictionary<string, object> service, string dependency) =>
        (string)Map(Map(service["depends_on"])[dependency])["condition"];

    [GeneratedRegex(@"\$\{([A-Z_]+)")]
    private static partial Regex Variable();
}
