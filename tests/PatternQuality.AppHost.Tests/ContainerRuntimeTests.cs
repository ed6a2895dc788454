namespace PatternQuality.AppHost.Tests;

/// <summary>
/// Containers when an engine answers. No engine runs on this project's machines, so what is
/// tested is the choice and the exact `docker run` the engine would issue.
/// </summary>
public sealed class ContainerRuntimeTests
{
    [Fact]
    public async Task None_means_local_processes_and_an_unknown_setting_is_refused()
    {
        Assert.Null(await ContainerRuntime.DetectAsync("none", _ => { }, TestContext.Current.CancellationToken));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ContainerRuntime.DetectAsync("kubernetes", _ => { }, TestContext.Current.CancellationToken));
        Assert.Contains("auto, docker, podman or none", error.Message);
    }

    [Fact]
    public async Task A_runtime_whose_engine_does_not_answer_is_not_used()
    {
        var reasons = new List<string>();
        var runtime = await ContainerRuntime.DetectAsync("podman", reasons.Add, TestContext.Current.CancellationToken);

        // Whether or not podman is installed here, no engine runs: the engine must fall back.
        Assert.Null(runtime);
        Assert.Equal(["podman: no engine answers"], reasons);
    }

    [Fact]
    public void Docker_run_publishes_on_loopback_and_passes_secrets_by_name_only()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        var postgres = builder.AddPostgres("postgres").WithDataVolume();
        postgres.Resource.PrimaryEndpoint.Annotation.Allocated = new AllocatedEndpoint("localhost", 45432, "tcp");
        var environment = new Dictionary<string, string> { ["POSTGRES_PASSWORD"] = "s3cret-value", ["POSTGRES_USER"] = "postgres" };

        var spec = ContainerRuntime.RunCommand("docker", "patternquality-postgres", postgres.Resource, environment, "/tmp");

        Assert.Equal("docker", spec.FileName);
        Assert.Equal(
            ["run", "--rm", "--name", "patternquality-postgres", "-p", "127.0.0.1:45432:5432", "-e", "POSTGRES_PASSWORD", "-e", "POSTGRES_USER",
             "-v", "patternquality-postgres-data:/var/lib/postgresql/data", "docker.io/library/postgres:17.6"],
            spec.Args);
        Assert.DoesNotContain(spec.Args, arg => arg.Contains("s3cret-value", StringComparison.Ordinal));
        Assert.Equal("s3cret-value", spec.Environment["POSTGRES_PASSWORD"]);
    }
}
