using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PatternQuality.AppHost.Dashboard.Otlp;
using PatternQuality.AppHost.Dashboard.Telemetry;
using PatternQuality.AppHost.Hosting;
using PatternQuality.AppHost.Hosting.Orchestration;

namespace PatternQuality.AppHost.Dashboard.Web;

/// <summary>The two small web servers of the dashboard: the pages (behind the browser token) and the OTLP receiver.</summary>
internal static class DashboardWebApp
{
    public static WebApplication Pages(
        string url, string browserToken, DistributedApplicationModel model, ResourceNotificationService notifications,
        ResourceLoggerService logs, TelemetryStore store, ChangeFeed changes, ApplicationOrchestrator orchestrator)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.Cookie.Name = ".PatternQuality.Dashboard";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict; // with POST-only actions, no other site can act in the user's name
            options.LoginPath = "/login";
            options.ExpireTimeSpan = TimeSpan.FromDays(3);
        });
        builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGet("/login", async (HttpContext context, string? t) =>
        {
            if (t is null)
            {
                return Results.Content(LoginPage.Render(wrongToken: false), "text/html; charset=utf-8");
            }

            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(t), Encoding.UTF8.GetBytes(browserToken)))
            {
                return Results.Content(LoginPage.Render(wrongToken: true), "text/html; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
            }

            await context.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "developer")], CookieAuthenticationDefaults.AuthenticationScheme)));
            return Results.Redirect("/");
        }).AllowAnonymous();

        app.MapGet("/", (HttpRequest request) => Page(request, "Resources", "/", ResourcesPage.Render(model, notifications)));
        app.MapGet("/console/{resource?}", (HttpRequest request, string? resource) =>
            resource is not null && !model.Resources.Any(r => r.Name == resource)
                ? Results.NotFound()
                : Page(request, "Console", "/console", ConsolePage.Render(model, logs, resource)));
        app.MapGet("/structuredlogs", (HttpRequest request, string? resource, string? level, string? text) =>
            Page(request, "Structured logs", "/structuredlogs", StructuredLogsPage.Render(store, resource, level, text)));
        app.MapGet("/traces", (HttpRequest request, string? resource, string? text, int? page) =>
            Page(request, "Traces", "/traces", TracesPage.Render(store, resource, text, Math.Max(page ?? 0, 0))));
        app.MapGet("/traces/{traceId}", (HttpRequest request, string traceId) =>
            TracePage.Render(store, traceId) is { } main ? Page(request, "Trace", "/traces", main, live: false) : Results.NotFound());
        app.MapGet("/traces/{traceId}/spans/{spanId}", (string traceId, string spanId) =>
            TracePage.Details(store, traceId, spanId) is { } details ? Results.Content(details, "text/html; charset=utf-8") : Results.NotFound());
        app.MapGet("/metrics", (HttpRequest request) => Page(request, "Metrics", "/metrics", MetricsPage.Render(store)));
        app.MapPost("/resources/{resource}/{action}", async (string resource, string action) =>
        {
            var problem = await orchestrator.ExecuteCommandAsync(resource, action);
            return problem is null ? Results.Redirect("/") : Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        });
        app.MapGet("/events", async (HttpContext context) =>
        {
            context.Response.Headers.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            var seen = changes.Version;
            try
            {
                while (!context.RequestAborted.IsCancellationRequested)
                {
                    await changes.WaitPastAsync(seen, context.RequestAborted);
                    seen = changes.Version;
                    await context.Response.WriteAsync($"data: {seen}\n\n", context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(TimeSpan.FromMilliseconds(300), context.RequestAborted); // at most ~3 refreshes a second
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        return app;
    }

    public static WebApplication Otlp(string url, TelemetryStore store, string? apiKey, int maxBodyBytes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBodyBytes + 1);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        var app = builder.Build();
        app.MapOtlp(store, apiKey, maxBodyBytes);
        return app;
    }

    private static IResult Page(HttpRequest request, string title, string active, string main, bool live = true) =>
        Results.Content(request.Headers["X-Fragment"] == "1" ? main : Html.Page(title, active, main, live), "text/html; charset=utf-8");
}
