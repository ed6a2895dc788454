using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PatternQuality.LocalQdrant;

/// <summary>
/// REST on HTTP/1.1 and gRPC on HTTP/2 without TLS, each on its own port as Qdrant serves them.
/// Port 0 takes a free port; <see cref="Describe"/> tells which after the server has started.
/// </summary>
public sealed class Listeners
{
    private readonly List<(string Api, ListenOptions Options)> bound = [];

    public void Configure(KestrelServerOptions kestrel, LocalQdrantOptions options)
    {
        foreach (var url in options.RestUrls)
        {
            Listen(kestrel, url, HttpProtocols.Http1, "REST (HTTP/1.1)");
        }

        Listen(kestrel, options.GrpcUrl, HttpProtocols.Http2, "gRPC (HTTP/2)");
    }

    /// <summary>One line per listener, with the port it really has.</summary>
    public IEnumerable<string> Describe() => bound.Select(b => $"{b.Api} on http://{b.Options.IPEndPoint}");

    private void Listen(KestrelServerOptions kestrel, Uri url, HttpProtocols protocols, string api)
    {
        void Configure(ListenOptions listen)
        {
            listen.Protocols = protocols;
            bound.Add((api, listen));
        }

        if (url.IsLoopback && !IPAddress.TryParse(url.Host, out _))
        {
            kestrel.Listen(IPAddress.Loopback, url.Port, Configure);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(url.Host.Trim('[', ']')), url.Port, Configure);
        }
    }
}
