using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using YamlDotNet.Serialization;

namespace PatternQuality.AppHost.Tests;

/// <summary>The Kubernetes manifests, read back with the Kubernetes client's own models.</summary>
public sealed partial class KubernetesTests
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
    public async Task The_backfill_workers_are_the_pods_of_one_Indexed_Job_sharing_the_Job_s_run()
    {
        var backfill = KubernetesYaml.LoadAllFromString(await Published.TextAsync("kubernetes", null, "--Parameters:backfill-workers=4"))
            .OfType<V1Job>().Single(j => j.Metadata.Name == "backfill").Spec;

        Assert.Equal(("Indexed", 4, 4), (backfill.CompletionMode, backfill.Completions, backfill.Parallelism));
        Assert.Equal((null, 3, "Failed"), (backfill.BackoffLimit, backfill.BackoffLimitPerIndex, backfill.PodReplacementPolicy));
        Assert.Equal("Never", backfill.Template.Spec.RestartPolicy);
        var runName = backfill.Template.Spec.Containers.Single().Env.Single(e => e.Name == "BACKFILL_RUN_NAME");
        Assert.Null(runName.Value);
        Assert.Equal("metadata.labels['batch.kubernetes.io/controller-uid']", runName.ValueFrom.FieldRef.FieldPath);
    }

    [Fact]
    public async Task Backfill_every_adds_a_CronJob_of_the_same_Job_beside_the_first_one_never_two_at_once()
    {
        var objects = KubernetesYaml.LoadAllFromString(await Published.TextAsync("kubernetes", null, "--Parameters:backfill-every=15m"));
        var job = objects.OfType<V1Job>().Single(j => j.Metadata.Name == "backfill");
        var cron = objects.OfType<V1CronJob>().Single(j => j.Metadata.Name == "backfill");

        Assert.Equal(("*/15 * * * *", "Forbid"), (cron.Spec.Schedule, cron.Spec.ConcurrencyPolicy));
        Assert.Equal(job.Spec.Template.Spec.Containers.Single().Args, cron.Spec.JobTemplate.Spec.Template.Spec.Containers.Single().Args);
        Assert.DoesNotContain("--every", job.Spec.Template.Spec.Containers.Single().Args ?? []);
        Assert.Empty(KubernetesYaml.LoadAllFromString(await Published.TextAsync("kubernetes")).OfType<V1CronJob>());
    }

    [Fact]
    public async Task By_default_the_backfill_Job_runs_one_worker()
    {
        var backfill = KubernetesYaml.LoadAllFromString(await Published.TextAsync("kubernetes"))
            .OfType<V1Job>().Single(j => j.Metadata.Name == "backfill").Spec;

        Assert.Equal((1, 1), (backfill.Completions, backfill.Parallelism));
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
        Assert.Equal("Endpoint=http://qdrant:6333;Key=$(QDRANT_KEY)", backfill.Single(e => e.Name == "ConnectionStrings__qdrant_http").Value);
    }

    [Fact]
    public async Task The_kustomization_gives_every_image_of_the_model_the_variables_compose_takes()
    {
        var directory = Directory.CreateTempSubdirectory("pq-kustomize-").FullName;
        try
        {
            var text = await Published.TextAsync("kustomization", directory);

            // The documented command, with the values a staging site gives compose (a mirror with a port, a tag).
            var variables = new Dictionary<string, string>
            {
                ["POSTGRES_IMAGE"] = "mirror.example:5000/library/postgres:18.3",
                ["QDRANT_IMAGE"] = "mirror.example:5000/qdrant/qdrant:v1.19.0",
                ["PATTERNQUALITY_REGISTRY"] = "registry.example:5000/pq",
                ["PATTERNQUALITY_TAG"] = "abc123",
            };
            var command = Assert.Single(text.Split('\n'), line => line.StartsWith("#   kustomize edit set image ", StringComparison.Ordinal));
            var images = ImageSetting().Matches(command).ToDictionary(m => m.Groups[1].Value,
                m => VariableReference().Replace(m.Groups[2].Value, v => variables[v.Groups[1].Value]));
            Assert.Equal(5, images.Count);

            // What `kustomize edit set image name=reference` writes: the entry's newName and newTag.
            var kustomization = new Deserializer().Deserialize<Dictionary<string, object>>(text);
            foreach (var entry in ((List<object>)kustomization["images"]).Cast<Dictionary<object, object>>())
            {
                var reference = images[(string)entry["name"]];
                var colon = reference.LastIndexOf(':');
                (entry["newName"], entry["newTag"]) = (reference[..colon], reference[(colon + 1)..]);
            }

            await File.WriteAllTextAsync(Path.Combine(directory, "kustomization.yaml"), new SerializerBuilder().WithQuotingNecessaryStrings().Build().Serialize(kustomization), TestContext.Current.CancellationToken);
            var built = await ProcessRunner.RunAsync("kubectl", ["kustomize", directory], TimeSpan.FromMinutes(1));
            Assert.True(built.ExitCode == 0, built.ToString());

            var specs = KubernetesYaml.LoadAllFromString(built.StandardOutput).Select(PodSpec).OfType<V1PodSpec>().ToList();
            var containers = specs.SelectMany(spec => spec.Containers).ToDictionary(c => c.Name, c => c.Image);
            Assert.Equal(variables["POSTGRES_IMAGE"], containers["postgres"]);
            Assert.Equal(variables["QDRANT_IMAGE"], containers["qdrant"]);
            foreach (var project in new[] { "migrator", "backfill", "api" })
            {
                Assert.Equal($"registry.example:5000/pq/patternquality-{project}:abc123", containers[project]);
            }

            Assert.All(specs.SelectMany(spec => spec.InitContainers ?? []), init => Assert.StartsWith("docker.io/", init.Image));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static V1PodSpec? PodSpec(object manifest) => manifest switch
    {
        V1Job job => job.Spec.Template.Spec,
        V1Deployment deployment => deployment.Spec.Template.Spec,
        V1StatefulSet statefulSet => statefulSet.Spec.Template.Spec,
        _ => null,
    };

    [GeneratedRegex(@"(\S+)=""([^""]+)""")]
    private static partial Regex ImageSetting();

    [GeneratedRegex(@"\$([A-Z_]+)")]
    private static partial Regex VariableReference();
}
