using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace PatternQuality.Backfill.Tests.Faults;

/// <summary>What the proxy does to one request instead of forwarding it untouched.</summary>
public abstract record Fault
{
    public sealed record Status(int Code) : Fault;

    public sealed record Delay(TimeSpan Duration) : Fault;

    /// <summary>The connection is cut without an answer.</summary>
    public sealed record Drop : Fault;
}

/// <summary>
/// An HTTP proxy on 127.0.0.1 between the backfill and the store that injects faults into
/// chosen requests, numbered from 1 in arrival order.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient upstream;
    private int requests;

    private FaultProxy(WebApplication app, HttpClient upstream)
    {
        this.app = app;
        this.upstream = upstream;
    }

    /// <summary>Decides the fault for request number n with its path; null forwards it.</summary>
    public Func<int, string, Fault?> Plan { get; set; } = (_, _) => null;

    public int Requests => Volatile.Read(ref requests);

    public int FaultsInjected { get; private set; }

    public Uri Url => new(app.Urls.First());

    public static async Task<FaultProxy> StartAsync(Uri target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var proxy = new FaultProxy(app, new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromMinutes(2) });
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        return proxy;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref requests);
        var fault = Plan(number, context.Request.Path.Value ?? "");
        if (fault is not null)
        {
            FaultsInjected++;
        }

        switch (fault)
        {
            case Fault.Status status:
                context.Response.StatusCode = status.Code;
                await context.Response.WriteAsync("""{"status":{"error":"Service internal error: injected fault"},"time":0.0}""");
                return;
            case Fault.Drop:
                context.Abort();
                return;
            case Fault.Delay delay:
                await Task.Delay(delay.Duration, context.RequestAborted);
                break;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        body.Position = 0;
        request.Content = new StreamContent(body);
        if (context.Request.ContentType is { } contentType)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        foreach (var header in context.Request.Headers.Where(h => h.Key.Equals("api-key", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
        }

        using var response = await upstream.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        upstream.Dispose();
    }
}
