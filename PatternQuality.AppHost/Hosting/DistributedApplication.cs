using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PatternQuality.AppHost.Hosting.Orchestration;
using PatternQuality.AppHost.Hosting.Publishing;

namespace PatternQuality.AppHost.Hosting;

/// <summary>The built app: runs the model locally, or publishes it when <c>--publisher</c> is given.</summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly IHost host;
    private readonly DistributedApplicationModel model;
    private readonly List<Action> afterDispose = [];
    private bool started;
    private bool disposed;

    internal DistributedApplication(IHost host, DistributedApplicationModel model)
    {
        this.host = host;
        this.model = model;
    }

    public static IDistributedApplicationBuilder CreateBuilder(string[] args) => new DistributedApplicationBuilder(args);

    public IServiceProvider Services => host.Services;

    public ResourceNotificationService ResourceNotifications => host.Services.GetRequiredService<ResourceNotificationService>();

    public ResourceLoggerService ResourceLogs => host.Services.GetRequiredService<ResourceLoggerService>();

    public DistributedApplicationModel Model => model;

    public void Run() => RunAsync().GetAwaiter().GetResult();

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (model.ExecutionContext.IsPublishMode)
        {
            Environment.ExitCode = await PublishCommand.RunAsync(host.Services, cancellationToken);
            return;
        }

        started = true;
        await host.RunAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        started = true;
        return host.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => host.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (started)
        {
            await host.StopAsync();
        }

        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }

        foreach (var action in afterDispose)
        {
            action();
        }
    }

    internal void AfterDispose(Action action) => afterDispose.Add(action);
}
