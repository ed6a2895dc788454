using k8s;
using k8s.Models;

namespace PatternQuality.AppHost.Tests;

/// <summary>The Kubernetes manifests, read back with the Kubernetes client's own models.</summary>
public sealed class KubernetesTests
{
    [Fact]
    public async Task The_migrator_is_a_Job_and_backfill_and_api_wait_for_it_to_complete()
    {
        var objects = KubernetesYaml.LoadAllFromString(await Published.TextAsync("kubernetes"));

        var migrator = objects.OfType<V1Job>().Single(j => j.Metadata.Name == "migrator");
        Assert.Equal(["up"], migrator.Spec.Template.Spec.Containers.Single().Args);
        Assert.Equal("Never", migrator.Spec.Template.Spec.RestartPolicy);
        Assert.Contains("nc -z -w 2 postgres 5432", migrator.Spec.Template.Spec.InitContainers.Single().Command.Last());

        var backfill = objects.OfType<V1Job>().Single(j => j.Metadata.Name == "backfill");
        Assert.Contains(backfill.Spec.Template.Spec.InitContainers, c => c.Command.Contains("job/migrator") && c.Command.Contains("--for=condition=complete"));

        var api = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "api");
        Assert.Contains(api.Spec.Template.Spec.InitContainers, c => c.Command.Contains("job/migrator"));
        Assert.Equal("/health", api.Spec.Template.Spec.Containers.Single().ReadinessProbe.HttpGet.Path);
        Assert.Equal("patternquality-waiter", api.Spec.Template.Spec.ServiceAccountName);
        Assert.Equal("LoadBalancer", objects.OfType<V1Service>().Single(s => s.Metadata.Name == "api").Spec.Type);

        var role = objects.OfType<V1Role>().Single();
        Assert.Equal(["jobs"], role.Rules.Single().Resources);
        Assert.Equal(["postgres", "qdrant"], objects.OfType<V1StatefulSet>().Select(s => s.Metadata.Name));
    }

    [Fact]
    public async Task Secrets_are_Secret_references_and_never_values()
    {
        var text = await Published.TextAsync("kubernetes");
        var objects = KubernetesYaml.LoadAllFromString(text);

        Assert.Empty(objects.OfType<V1Secret>());
        Assert.DoesNotContain(Published.PostgresPassword, text);
        Assert.DoesNotContain(Published.QdrantKey, text);

        var containers = objects.OfType<V1Job>().Select(j => j.Spec.Template.Spec)
            .Concat(objects.OfType<V1Deployment>().Select(d => d.Spec.Template.Spec))
            .Concat(objects.OfType<V1StatefulSet>().Select(s => s.Spec.Template.Spec))
            .SelectMany(spec => spec.Containers).ToList();
        var postgres = containers.Single(c => c.Name == "postgres").Env.Single(e => e.Name == "POSTGRES_PASSWORD");
        Assert.Null(postgres.Value);
        Assert.Equal(("patternquality-secrets", "postgres-password"), (postgres.ValueFrom.SecretKeyRef.Name, postgres.ValueFrom.SecretKeyRef.Key));

        var backfill = containers.Single(c => c.Name == "backfill").Env.ToList();
        var connection = backfill.FindIndex(e => e.Name == "ConnectionStrings__omninode-bridge");
        var password = backfill.FindIndex(e => e.Name == "POSTGRES_PASSWORD");
        Assert.InRange(password, 0, connection - 1); // $(VAR) expands only variables defined before it
        Assert.Equal("Host=postgres;Port=5432;Username=postgres;Password=$(POSTGRES_PASSWORD);Database=omninode_bridge", backfill[connection].Value);
        Assert.Equal("qdrant-Key", backfill.Single(e => e.Name == "QDRANT_KEY").ValueFrom.SecretKeyRef.Key);
        Assert.Equal("Endpoint=http://qdrant:6334;Key=$(QDRANT_KEY)", backfill.Single(e => e.Name == "ConnectionStrings__qdrant").Value);
        Assert.DoesNotContain(backfill, e => e.Name == "ConnectionStrings__qdrant_http");
    }
}
