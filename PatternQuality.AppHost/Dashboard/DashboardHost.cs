using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatternQuality.AppHost.Dashboard.Telemetry;
using PatternQuality.AppHost.Dashboard.Web;
using PatternQuality.AppHost.Hosting;
using PatternQuality.AppHost.Hosting.Orchestration;

namespace PatternQuality.AppHost.Dashboard;

/// <summary>
/// Starts the dashboard before any resource, so projects can be told where to send telemetry,
/// and prints the login link (to the terminal only: it carries the browser token).
/// </summary>
internal sealed class DashboardHost(
    IOptions<DashboardOptions> options, DashboardEndpoints endpoints, TelemetryStore store, ChangeFeed changes,
    DistributedApplicationModel model, ResourceNotificationService notifications, ResourceLoggerService logs,
    IServiceProvider services, ILogger<DashboardHost> logger) : IHostedService
{
    private readonly CancellationTokenSource stopping = new();
    private WebApplication? pages;
    private WebApplication? otlp;
    private Task forwarding = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || model.ExecutionContext.IsPublishMode)
        {
            return;
        }

        var apiKey = settings.OtlpApiKey switch
        {
            "none" => null,
            { Length: > 0 } given => given,
            _ => RandomNumberGenerator.GetHexString(32, lowercase: true),
        };
        var token = string.IsNullOrEmpty(settings.BrowserToken) ? RandomNumberGenerator.GetHexString(32, lowercase: true) : settings.BrowserToken;

        try
        {
            otlp = DashboardWebApp.Otlp(settings.OtlpUrl, store, apiKey, settings.MaxOtlpBodyBytes);
            await otlp.StartAsync(cancellationToken);
            pages = DashboardWebApp.Pages(settings.Url, token, model, notifications, logs, store, changes,
                services.GetRequiredService<ApplicationOrchestrator>());
            await pages.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            // Most often another AppHost holds the ports: the system still runs, without telemetry.
            logger.LogWarning("the dashboard cannot listen on {Url} / {OtlpUrl} ({Reason}); running without it (set AppHost:Dashboard:Url and OtlpUrl)",
                settings.Url, settings.OtlpUrl, ex.Message);
            await StopAsync(cancellationToken);
            pages = otlp = null;
            return;
        }

        endpoints.OtlpUrl = Address(otlp);
        endpoints.OtlpApiKey = apiKey;
        endpoints.Url = Address(pages);
        endpoints.BrowserToken = token;
        forwarding = ForwardChangesAsync(stopping.Token);
        await Console.Out.WriteLineAsync($"Dashboard: {endpoints.Url} (log in with {endpoints.LoginUrl}); OTLP/HTTP receiver: {endpoints.OtlpUrl}");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await forwarding.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var app in new[] { pages, otlp }.OfType<WebApplication>())
        {
            await app.StopAsync(cancellationToken);
            await app.DisposeAsync();
        }
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("127.0.0.1", "localhost", StringComparison.Ordinal).Replace("[::1]", "localhost", StringComparison.Ordinal);

    /// <summary>Resource states and console lines change the pages too.</summary>
    private async Task ForwardChangesAsync(CancellationToken cancellationToken)
    {
        var states = Task.Run(async () =>
        {
            await foreach (var _ in notifications.WatchAsync(cancellationToken))
            {
                changes.Notify();
            }
        }, cancellationToken);
        var lines = Task.Run(async () =>
        {
            await foreach (var _ in logs.WatchAsync(cancellationToken))
            {
                changes.Notify();
            }
        }, cancellationToken);
        await Task.WhenAll(states, lines).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
