using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using PatternQuality.AppHost.Dashboard;
using PatternQuality.AppHost.Hosting.Orchestration;
using PatternQuality.AppHost.Hosting.Testing;

namespace PatternQuality.AppHost.Hosting;

public sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private static readonly Dictionary<string, string> SwitchMappings = new()
    {
        ["--publisher"] = "Publishing:Publisher",
        ["--output-path"] = "Publishing:OutputPath",
        ["--data-dir"] = "AppHost:DataDirectory",
    };

    private readonly HostApplicationBuilder host;
    private readonly List<IResource> resources = [];
    private readonly TestingHook? testingHook;

    internal DistributedApplicationBuilder(string[] args)
    {
        testingHook = TestingHook.Current;
        host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ApplicationName = "PatternQuality.AppHost",
            ContentRootPath = AppContext.BaseDirectory,
        });
        host.Configuration.AddCommandLine(args, SwitchMappings);
        host.Logging.ClearProviders();
        host.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
            console.ColorBehavior = LoggerColorBehavior.Default;
        });
        host.Logging.AddFilter("Microsoft", LogLevel.Warning);
        host.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        testingHook?.ConfigureHost(host);

        ExecutionContext = new DistributedApplicationExecutionContext(
            isPublishMode: !string.IsNullOrWhiteSpace(host.Configuration["Publishing:Publisher"]));
        AppHostDirectory = AppHostMetadata.ProjectDirectory;

    }

    public ConfigurationManager Configuration => host.Configuration;

    public IHostEnvironment Environment => host.Environment;

    public IServiceCollection Services => host.Services;

    public DistributedApplicationExecutionContext ExecutionContext { get; }

    public string AppHostDirectory { get; }

    public IReadOnlyList<IResource> Resources => resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        if (resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"the app model already has a resource named '{resource.Name}'");
        }

        resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public DistributedApplication Build()
    {
        if (testingHook is not null)
        {
            // Aspire.Hosting.Testing's way: the test takes the builder here and builds it itself.
            testingHook.Capture(this);
            throw new TestingHook.BuilderCapturedException();
        }

        return BuildCore();
    }

    internal DistributedApplication BuildCore()
    {
        ModelValidation.Validate(resources);
        var model = new DistributedApplicationModel(resources, ExecutionContext);
        host.Services.AddSingleton(model);
        host.Services.Configure<AppHostOptions>(host.Configuration.GetSection(AppHostOptions.Section));
        host.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromMinutes(1));
        host.Services.AddHttpClient();
        host.Services.AddDashboard(host.Configuration); // before the orchestrator: projects learn its OTLP address
        host.Services.AddOrchestration();
        return new DistributedApplication(host.Build(), model);
    }
}

/// <summary>What the AppHost's build recorded about itself (see the csproj).</summary>
internal static class AppHostMetadata
{
    public static string ProjectDirectory => Value("AppHostProjectDirectory") is { } dir && Directory.Exists(dir) ? dir : Environment.CurrentDirectory;

    public static string Configuration => Value("AppHostConfiguration") ?? "Debug";

    private static string? Value(string key) => typeof(AppHostMetadata).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
}

public sealed record DistributedApplicationModel(IReadOnlyList<IResource> Resources, DistributedApplicationExecutionContext ExecutionContext)
{
    public IResource Find(string name) => Resources.FirstOrDefault(r => r.Name == name)
        ?? throw new ArgumentException($"the app model has no resource named '{name}'", nameof(name));
}
