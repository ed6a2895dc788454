using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;

namespace PatternQuality.AppHost.Tests;

/// <summary>The Aspire manifest: valid against shared/aspire/aspire-8.0.json, and saying what DESIGN.md says.</summary>
public sealed partial class ManifestTests
{
    [Fact]
    public async Task The_manifest_validates_against_the_Aspire_schema()
    {
        var schema = await AspireManifestSchema.LoadAsync();
        var manifest = await Published.TextAsync("manifest");

        Assert.Empty(schema.Validate(manifest).Select(error => error.ToString()));
    }

    [Fact]
    public async Task The_schema_check_rejects_a_manifest_that_breaks_it()
    {
        var schema = await AspireManifestSchema.LoadAsync();
        var manifest = JsonNode.Parse(await Published.TextAsync("manifest"))!;
        manifest["resources"]!["migrator"]!.AsObject().Remove("path");
        manifest["resources"]!["postgres"]!["bindings"]!["tcp"]!["protocol"] = "sctp";

        Assert.NotEmpty(schema.Validate(manifest.ToJsonString()));
    }

    [Fact]
    public async Task Resources_and_their_wiring_are_those_of_DESIGN_md()
    {
        var resources = JsonNode.Parse(await Published.TextAsync("manifest"))!["resources"]!.AsObject();

        Assert.Equal(["postgres", "omninode-bridge", "qdrant", "migrator", "backfill", "api", "postgres-password", "postgres-password-uri-encoded", "qdrant-Key"],
            resources.Select(r => r.Key));

        foreach (var parameter in new[] { "postgres-password", "qdrant-Key" })
        {
            Assert.Equal("parameter.v0", (string?)resources[parameter]!["type"]);
            Assert.True((bool)resources[parameter]!["inputs"]!["value"]!["secret"]!);
            Assert.NotNull(resources[parameter]!["inputs"]!["value"]!["default"]!["generate"]);
        }

        var postgres = resources["postgres"]!;
        Assert.Equal(("container.v0", "docker.io/library/postgres:18.3"), ((string?)postgres["type"], (string?)postgres["image"]));
        Assert.Equal("{postgres-password.value}", (string?)postgres["env"]!["POSTGRES_PASSWORD"]);
        Assert.Equal("Host={postgres.bindings.tcp.host};Port={postgres.bindings.tcp.port};Username=postgres;Password={postgres-password.value}",
            (string?)postgres["connectionString"]);
        Assert.Equal(5432, (int)postgres["bindings"]!["tcp"]!["targetPort"]!);

        Assert.Equal("value.v0", (string?)resources["omninode-bridge"]!["type"]);
        Assert.Equal("{postgres.connectionString};Database=omninode_bridge", (string?)resources["omninode-bridge"]!["connectionString"]);

        var qdrant = resources["qdrant"]!;
        Assert.Equal(("container.v0", "docker.io/qdrant/qdrant:v1.19.0"), ((string?)qdrant["type"], (string?)qdrant["image"]));
        Assert.Equal("Endpoint={qdrant.bindings.grpc.url};Key={qdrant-Key.value}", (string?)qdrant["connectionString"]);
        Assert.Equal((6334, "http2"), ((int)qdrant["bindings"]!["grpc"]!["targetPort"]!, (string?)qdrant["bindings"]!["grpc"]!["transport"]));
        Assert.Equal(6333, (int)qdrant["bindings"]!["http"]!["targetPort"]!);
        Assert.Equal("{qdrant-Key.value}", (string?)qdrant["env"]!["QDRANT__SERVICE__API_KEY"]);

        var migrator = resources["migrator"]!;
        Assert.Equal("project.v0", (string?)migrator["type"]);
        Assert.Equal(["up"], migrator["args"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("{omninode-bridge.connectionString}", (string?)migrator["env"]!["ConnectionStrings__omninode-bridge"]);

        var backfill = resources["backfill"]!["env"]!;
        Assert.Equal("{omninode-bridge.connectionString}", (string?)backfill["ConnectionStrings__omninode-bridge"]);
        Assert.Equal("{qdrant.connectionString}", (string?)backfill["ConnectionStrings__qdrant"]);
        Assert.Equal("Endpoint={qdrant.bindings.http.url};Key={qdrant-Key.value}", (string?)backfill["ConnectionStrings__qdrant_http"]);

        var api = resources["api"]!;
        Assert.True((bool)api["bindings"]!["http"]!["external"]!);
        Assert.Equal("{api.bindings.http.targetPort}", (string?)api["env"]!["HTTP_PORTS"]);
        Assert.Null(api["env"]!["ConnectionStrings__qdrant"]);
    }

    [Fact]
    public async Task Every_expression_refers_to_a_resource_of_the_manifest_and_no_secret_is_written()
    {
        var text = await Published.TextAsync("manifest");
        var names = JsonNode.Parse(text)!["resources"]!.AsObject().Select(r => r.Key).ToHashSet();

        var references = Expression().Matches(text).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.Contains(name, names));
        Assert.DoesNotContain(Published.PostgresPassword, text);
        Assert.DoesNotContain(Published.QdrantKey, text);
        Assert.DoesNotContain("seed-demo", text);
    }

    [Fact]
    public async Task Project_paths_are_relative_to_the_manifest_and_name_the_projects()
    {
        var directory = Directory.CreateTempSubdirectory("pq-publish-paths-").FullName;
        try
        {
            var resources = JsonNode.Parse(await Published.TextAsync("manifest", directory))!["resources"]!.AsObject();
            foreach (var (name, project) in new[] { ("migrator", "PatternQuality.Migrator"), ("backfill", "PatternQuality.Backfill"), ("api", "PatternQuality.Api") })
            {
                var path = Path.GetFullPath(Path.Combine(directory, (string)resources[name]!["path"]!));
                Assert.Equal(Path.Combine(Repository.Root, project, $"{project}.csproj"), path);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9-]*)\.(?:value|connectionString|bindings|inputs)")]
    private static partial Regex Expression();
}
