using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PatternQuality.AppHost.Hosting.Orchestration;

namespace PatternQuality.AppHost.Hosting.Testing;

public interface IDistributedApplicationTestingBuilder : IDistributedApplicationBuilder
{
    Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The app model of an AppHost assembly, built for a test: free ports instead of the model's,
/// no dashboard or telemetry export, local processes rather than containers, and a fresh data
/// folder (deleted with the app) unless <c>--data-dir</c> names one.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    public static async Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(string[] args, CancellationToken cancellationToken = default)
    {
        var entryPoint = typeof(TEntryPoint).Assembly.EntryPoint
            ?? throw new InvalidOperationException($"{typeof(TEntryPoint).Assembly.GetName().Name} has no entry point");
        var temporary = args.Contains("--data-dir") ? null : Directory.CreateTempSubdirectory("pq-apphost-").FullName;
        if (temporary is not null)
        {
            // PostgreSQL runs as another user when tests run as root; it must reach its folder.
            File.SetUnixFileMode(temporary, (UnixFileMode)0b111_101_101);
        }

        var hook = new TestingHook(host =>
        {
            host.Environment.EnvironmentName = Environments.Development;
            host.Logging.SetMinimumLevel(LogLevel.Warning);
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AppHost:RandomizePorts"] = "true",
                ["AppHost:ContainerRuntime"] = "none",
                ["AppHost:OtlpEndpoint"] = "",
                ["AppHost:Dashboard:Enabled"] = "false",
                ["AppHost:StopTimeoutSeconds"] = "10",
            });
            if (temporary is not null)
            {
                host.Configuration["AppHost:DataDirectory"] = temporary;
            }

            host.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--data-dir"] = "AppHost:DataDirectory" });
        });

        var entry = Task.Run(() =>
        {
            hook.Install();
            try
            {
                entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [args]);
                hook.Fail(new InvalidOperationException("the AppHost's entry point returned without calling builder.Build()"));
            }
            catch (TargetInvocationException ex) when (ex.InnerException is TestingHook.BuilderCapturedException)
            {
            }
            catch (TargetInvocationException ex)
            {
                hook.Fail(ex.InnerException ?? ex);
            }
        }, cancellationToken);

        var builder = await hook.Captured.WaitAsync(cancellationToken);
        await entry;
        return new TestingBuilder(builder, temporary);
    }

    private sealed class TestingBuilder(DistributedApplicationBuilder inner, string? temporaryDataDirectory) : IDistributedApplicationTestingBuilder
    {
        public ConfigurationManager Configuration => inner.Configuration;

        public IHostEnvironment Environment => inner.Environment;

        public IServiceCollection Services => inner.Services;

        public DistributedApplicationExecutionContext ExecutionContext => inner.ExecutionContext;

        public string AppHostDirectory => inner.AppHostDirectory;

        public IReadOnlyList<IResource> Resources => inner.Resources;

        public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource => inner.AddResource(resource);

        public DistributedApplication Build() => BuildAsync().GetAwaiter().GetResult();

        public Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default)
        {
            var app = inner.BuildCore();
            if (temporaryDataDirectory is not null)
            {
                app.AfterDispose(() => Directory.Delete(temporaryDataDirectory, recursive: true));
            }

            return Task.FromResult(app);
        }
    }
}

/// <summary>What a test asks of a running app: HTTP clients and connection strings by resource name.</summary>
public static class DistributedApplicationTestingExtensions
{
    public static HttpClient CreateHttpClient(this DistributedApplication app, string resourceName, string endpointName = "http")
    {
        var resource = app.Model.Find(resourceName) as IResourceWithEndpoints
            ?? throw new ArgumentException($"'{resourceName}' has no endpoints", nameof(resourceName));
        var allocated = resource.GetEndpoint(endpointName).Annotation.Allocated
            ?? throw new InvalidOperationException($"endpoint '{endpointName}' of '{resourceName}' is not allocated: start the app first");
        return new HttpClient { BaseAddress = new Uri(allocated.Url) };
    }

    public static string GetConnectionString(this DistributedApplication app, string resourceName)
    {
        var resource = app.Model.Find(resourceName) as IResourceWithConnectionString
            ?? throw new ArgumentException($"'{resourceName}' has no connection string", nameof(resourceName));
        var values = app.Services.GetRequiredService<ApplicationOrchestrator>().Values
            ?? throw new InvalidOperationException("start the app first");
        return values.ConnectionString(resource);
    }

    /// <summary>The environment a project resource receives, rendered with this run's values.</summary>
    public static IReadOnlyDictionary<string, string> GetEnvironment(this DistributedApplication app, string resourceName)
    {
        var resource = app.Model.Find(resourceName);
        var values = app.Services.GetRequiredService<ApplicationOrchestrator>().Values
            ?? throw new InvalidOperationException("start the app first");
        return ResourceEnvironment.Build(resource, app.Model.ExecutionContext, values);
    }
}
