namespace PatternQuality.AppHost.Hosting;

/// <summary>
/// A network endpoint of a resource: the port the workload listens on (<see cref="TargetPort"/>)
/// and, when running, where the engine put it (<see cref="Allocated"/>).
/// </summary>
public sealed class EndpointAnnotation(string name, string scheme, string transport, int? targetPort, int? port = null) : IResourceAnnotation
{
    public string Name { get; } = name;

    public string Scheme { get; } = scheme;

    /// <summary>http, http2 or tcp, as the manifest's bindings name it.</summary>
    public string Transport { get; } = transport;

    public int? TargetPort { get; set; } = targetPort;

    /// <summary>The port asked for on the host; the engine picks a free one when null.</summary>
    public int? Port { get; set; } = port;

    public bool IsExternal { get; set; }

    public AllocatedEndpoint? Allocated { get; set; }
}

public sealed record AllocatedEndpoint(string Host, int Port, string Scheme)
{
    public string Url => $"{Scheme}://{Host}:{Port}";
}

public enum EndpointProperty
{
    Url,
    Host,
    Port,
    TargetPort,
}

public sealed class EndpointReference(IResourceWithEndpoints resource, string endpointName)
{
    public IResourceWithEndpoints Resource { get; } = resource;

    public string EndpointName { get; } = endpointName;

    public EndpointAnnotation Annotation => Resource.Endpoints().SingleOrDefault(e => e.Name == EndpointName)
        ?? throw new InvalidOperationException($"resource '{Resource.Name}' has no endpoint named '{EndpointName}'");

    public EndpointReferenceExpression Property(EndpointProperty property) => new(this, property);

    public EndpointReferenceExpression Url => Property(EndpointProperty.Url);
}

/// <summary>One property of an endpoint inside a <see cref="ReferenceExpression"/>: <c>{qdrant.bindings.grpc.url}</c>.</summary>
public sealed record EndpointReferenceExpression(EndpointReference Endpoint, EndpointProperty Property)
{
    public string ManifestExpression =>
        $"{{{Endpoint.Resource.Name}.bindings.{Endpoint.EndpointName}.{Property switch
        {
            EndpointProperty.Url => "url",
            EndpointProperty.Host => "host",
            EndpointProperty.Port => "port",
            _ => "targetPort",
        }}}}";
}
