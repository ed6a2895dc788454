using OpenTelemetry.Trace;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace PatternQuality.ServiceDefaults.Tests;

public sealed class DefaultEndpointsTests
{
    [Fact]
    public async Task Health_needs_every_check_while_alive_needs_only_the_live_ones()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks().AddCheck("database", () => HealthCheckResult.Unhealthy("down"));
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var health = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        using var alive = await client.GetAsync("/alive", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Http_clients_resolve_service_names_from_aspire_style_configuration()
    {
        var apiBuilder = WebApplication.CreateSlimBuilder();
        apiBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var api = apiBuilder.Build();
        api.MapGet("/ping", () => "pong");
        await api.StartAsync(TestContext.Current.CancellationToken);

        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        builder.Configuration["services:api:http:0"] = api.Urls.First();
        builder.Services.AddHttpClient("api", client => client.BaseAddress = new Uri("http://api"));
        using var host = builder.Build();
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("api");

        var answer = await client.GetStringAsync("/ping", TestContext.Current.CancellationToken);

        Assert.Equal("pong", answer);
    }

    [Fact]
    public async Task With_an_otlp_endpoint_configured_spans_of_the_project_sources_are_exported_there()
    {
        var received = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var receiverBuilder = WebApplication.CreateSlimBuilder();
        receiverBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = receiverBuilder.Build();
        receiver.MapPost("/v1/{signal}", (string signal) =>
        {
            received.Enqueue(signal);
            return Results.Ok();
        });
        await receiver.StartAsync(TestContext.Current.CancellationToken);

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Urls.First();
        builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        builder.AddServiceDefaults();
        using (var host = builder.Build())
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            using var source = new System.Diagnostics.ActivitySource("PatternQuality.ServiceDefaults.Tests");
            source.StartActivity("exported span")?.Dispose();
            host.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000);
            await host.StopAsync(TestContext.Current.CancellationToken);
        }

        Assert.Contains("traces", received);
    }
}
