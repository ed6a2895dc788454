using System.Net;
using System.Net.Sockets;
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
        foreach (var (api, _, endpoint, protocols) in Planned(options))
        {
            kestrel.Listen(endpoint, listen =>
            {
                listen.Protocols = protocols;
                bound.Add((api, listen));
            });
        }
    }

    /// <summary>
    /// Which address cannot be had, and why in the socket's own words, found by binding each before Kestrel does:
    /// null when all can. A port taken by another store or a real Qdrant is then one line, not a failed host.
    /// </summary>
    public static string? Unusable(LocalQdrantOptions options)
    {
        foreach (var (api, option, endpoint, _) in Planned(options).Where(p => p.Endpoint.Port != 0))
        {
            try
            {
                using var probe = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                probe.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true); // as Kestrel binds on Linux
                probe.Bind(endpoint);
            }
            catch (SocketException e)
            {
                return $"cannot listen for {api} on http://{endpoint}: {e.Message.ToLowerInvariant()}; stop what uses it, or choose another with {option}";
            }
        }

        return null;
    }

    /// <summary>One line per listener, with the port it really has.</summary>
    public IEnumerable<string> Describe() => bound.Select(b => $"{b.Api} on http://{b.Options.IPEndPoint}");

    private static IEnumerable<(string Api, string Option, IPEndPoint Endpoint, HttpProtocols Protocols)> Planned(LocalQdrantOptions options) =>
        options.RestUrls.Select(url => ("REST (HTTP/1.1)", "--urls", Endpoint(url), HttpProtocols.Http1))
            .Append(("gRPC (HTTP/2)", "--grpc-url", Endpoint(options.GrpcUrl), HttpProtocols.Http2));

    private static IPEndPoint Endpoint(Uri url) =>
        new(url.IsLoopback && !IPAddress.TryParse(url.Host, out _) ? IPAddress.Loopback : IPAddress.Parse(url.Host.Trim('[', ']')), url.Port);
}
