namespace PatternQuality.AppHost.Tests;

/// <summary>The app model API refuses what the engine could not run, with one clear message.</summary>
public sealed class ModelTests
{
    [Fact]
    public void Resources_that_wait_for_each_other_in_a_cycle_are_refused_at_build()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        var first = builder.AddProject("first", "../PatternQuality.Migrator/PatternQuality.Migrator.csproj");
        var second = builder.AddProject("second", "../PatternQuality.Backfill/PatternQuality.Backfill.csproj").WaitFor(first);
        var third = builder.AddProject("third", "../PatternQuality.Backfill/PatternQuality.Backfill.csproj").WaitForCompletion(second);
        first.WaitFor(third);

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Equal("resources wait for each other in a cycle: first -> third -> second -> first", error.Message);
    }

    [Fact]
    public void Waiting_for_a_resource_outside_the_model_is_refused_at_build()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        var elsewhere = DistributedApplication.CreateBuilder([]).AddPostgres("elsewhere");
        builder.AddProject("migrator", "../PatternQuality.Migrator/PatternQuality.Migrator.csproj").WaitFor(elsewhere);

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Contains("'migrator' waits for 'elsewhere', which is not in the app model", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1st")]
    [InlineData("two--hyphens")]
    [InlineData("with space")]
    [InlineData("pq;DROP")]
    [InlineData("a1234567890123456789012345678901234567890123456789012345678901234")]
    public void Bad_resource_names_are_refused(string name)
    {
        var builder = DistributedApplication.CreateBuilder([]);

        var error = Assert.Throws<ArgumentException>(() => builder.AddQdrant(name));
        Assert.Contains("is not valid", error.Message);
    }

    [Fact]
    public void Two_resources_may_not_share_a_name()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        builder.AddPostgres("store");

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddQdrant("STORE"));
        Assert.Contains("already has a resource named 'STORE'", error.Message);
    }

    [Fact]
    public void A_project_gets_its_http_endpoint_from_its_launch_profile()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        var api = builder.AddProject("api", "../PatternQuality.Api/PatternQuality.Api.csproj");
        var migrator = builder.AddProject("migrator", "../PatternQuality.Migrator/PatternQuality.Migrator.csproj");

        var http = Assert.Single(api.Resource.Endpoints());
        Assert.Equal(("http", 5180), (http.Name, http.Port));
        Assert.Empty(migrator.Resource.Endpoints());
        Assert.Throws<InvalidOperationException>(() => migrator.WithHttpHealthCheck("/health"));
    }

    [Fact]
    public void A_project_referencing_the_api_gets_its_address_by_service_discovery()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        var api = builder.AddProject("api", "../PatternQuality.Api/PatternQuality.Api.csproj");
        var client = builder.AddProject("client", "../PatternQuality.Backfill/PatternQuality.Backfill.csproj").WithReference(api);

        var value = Assert.IsType<EndpointReferenceExpression>(client.Resource.EnvironmentVariables(builder.ExecutionContext)["services__api__http__0"]);
        Assert.Equal("{api.bindings.http.url}", value.ManifestExpression);
        Assert.Same(api.Resource, value.Endpoint.Resource);
    }
}
