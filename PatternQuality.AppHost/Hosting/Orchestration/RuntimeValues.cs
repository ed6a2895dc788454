using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace PatternQuality.AppHost.Hosting.Orchestration;

/// <summary>
/// The values a running app gives the model's expressions: parameter values (configuration,
/// else generated and kept), allocated endpoints, and connection strings, where a configured
/// <c>ConnectionStrings:{name}</c> (an existing server) wins over the resource's own.
/// </summary>
internal sealed class RuntimeValues
{
    private readonly Dictionary<ParameterResource, string> parameters = [];
    private readonly IConfiguration configuration;

    public RuntimeValues(DistributedApplicationModel model, IConfiguration configuration, LocalSecrets secrets, bool randomizePorts)
    {
        this.configuration = configuration;
        foreach (var parameter in model.Resources.OfType<ParameterResource>())
        {
            parameters[parameter] = configuration[parameter.ConfigurationKey] is { Length: > 0 } given
                ? given
                : parameter.Generate is not null
                    ? secrets.GetOrGenerate(parameter)
                    : throw new InvalidOperationException($"parameter '{parameter.Name}' has no value: set {parameter.ConfigurationKey}");
        }

        foreach (var resource in model.Resources.Where(r => !IsExternal(r)))
        {
            foreach (var endpoint in resource.Endpoints())
            {
                var port = endpoint.Port is { } asked && !randomizePorts ? asked : FreeLoopbackPort();
                endpoint.Allocated = new AllocatedEndpoint("localhost", port, endpoint.Scheme);
            }
        }
    }

    public string ParameterValue(ParameterResource parameter) => parameters[parameter];

    /// <summary>Given by configuration rather than run here: <c>ConnectionStrings:{name}</c>, or for Qdrant <c>ConnectionStrings:{name}_http</c>.</summary>
    public bool IsExternal(IResource resource) =>
        ConfiguredConnectionString(resource.Name) is not null
        || (resource is QdrantServerResource && ConfiguredConnectionString($"{resource.Name}_http") is not null);

    public string? ConfiguredConnectionString(string name) => configuration[$"ConnectionStrings:{name}"] is { Length: > 0 } value ? value : null;

    public string ConnectionString(IResourceWithConnectionString resource) =>
        ConfiguredConnectionString(resource.Name) ?? resource.ConnectionStringExpression.Render(Render);

    public string Render(object reference) => reference switch
    {
        string text => text,
        ParameterResource parameter => parameters[parameter],
        EndpointReferenceExpression endpoint => EndpointValue(endpoint),
        IResourceWithConnectionString resource => ConnectionString(resource),
        ReferenceExpression expression => expression.Render(Render),
        _ => throw new NotSupportedException($"cannot render {reference.GetType().Name}"),
    };

    private static string EndpointValue(EndpointReferenceExpression reference)
    {
        var allocated = reference.Endpoint.Annotation.Allocated
            ?? throw new UnavailableValueException($"endpoint '{reference.Endpoint.EndpointName}' of '{reference.Endpoint.Resource.Name}' is not run here");
        return reference.Property switch
        {
            EndpointProperty.Url => allocated.Url,
            EndpointProperty.Host => allocated.Host,
            _ => allocated.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A value that does not exist in this run (an endpoint of a server given by connection string).</summary>
internal sealed class UnavailableValueException(string message) : Exception(message);
