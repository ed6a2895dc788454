using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace PatternQuality.Backfill.Tests.Faults;

/// <summary>What the proxy does to one call instead of forwarding it untouched.</summary>
public abstract record Fault
{
    /// <summary>An HTTP status in place of the call, as a load balancer in front of Qdrant answers.</summary>
    public sealed record Status(int Code) : Fault;

    /// <summary>A gRPC status in place of the call ("trailers-only"), as Qdrant itself answers a failing call.</summary>
    public sealed record Grpc(StatusCode Code) : Fault;

    public sealed record Delay(TimeSpan Duration) : Fault;

    /// <summary>The call's HTTP/2 stream is reset without an answer.</summary>
    public sealed record Drop : Fault;
}

/// <summary>
/// A gRPC proxy (HTTP/2 without TLS) on 127.0.0.1 between the backfill and the store that injects faults into chosen
/// calls, numbered from 1 in arrival order and known by their path (<c>/qdrant.Points/Scroll</c>).
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly string[] NotForwarded = ["Host", "Content-Length", "Connection", "Transfer-Encoding"];

    private readonly WebApplication app;
    private readonly HttpClient upstream;
    private int calls;
    private int faults;

    private FaultProxy(WebApplication app, HttpClient upstream)
    {
        this.app = app;
        this.upstream = upstream;
    }

    /// <summary>Decides the fault for call number n with its path; null forwards it.</summary>
    public Func<int, string, Fault?> Plan { get; set; } = (_, _) => null;

    public int Requests => Volatile.Read(ref calls);

    public int FaultsInjected => Volatile.Read(ref faults);

    public Uri Url => new(app.Urls.First());

    public static async Task<FaultProxy> StartAsync(Uri target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        var proxy = new FaultProxy(app, new HttpClient(handler) { BaseAddress = target, Timeout = TimeSpan.FromMinutes(2) });
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        return proxy;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref calls);
        var fault = Plan(number, context.Request.Path.Value ?? "");
        if (fault is not null)
        {
            Interlocked.Increment(ref faults);
        }

        switch (fault)
        {
            case Fault.Status status:
                context.Response.StatusCode = status.Code;
                await context.Response.WriteAsync("injected fault");
                return;
            case Fault.Grpc grpc:
                context.Response.ContentType = "application/grpc";
                context.Response.Headers["grpc-status"] = ((int)grpc.Code).ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.Headers["grpc-message"] = "injected fault";
                return;
            case Fault.Drop:
                context.Abort();
                return;
            case Fault.Delay delay:
                await Task.Delay(delay.Duration, context.RequestAborted);
                break;
        }

        await ForwardAsync(context);
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        body.Position = 0;
        using var request = new HttpRequestMessage(HttpMethod.Post, context.Request.Path.Value)
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StreamContent(body),
        };
        foreach (var (name, values) in context.Request.Headers.Where(h => !h.Key.StartsWith(':') && !NotForwarded.Contains(h.Key, StringComparer.OrdinalIgnoreCase)))
        {
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var response = await upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => !NotForwarded.Contains(h.Key, StringComparer.OrdinalIgnoreCase)))
        {
            context.Response.Headers[name] = values.ToArray();
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        foreach (var (name, values) in response.TrailingHeaders)
        {
            context.Response.AppendTrailer(name, values.ToArray());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        upstream.Dispose();
    }
}
