namespace PatternQuality.AppHost.Hosting.Publishing;

/// <summary>How the model's names appear on deployment targets, where resources reach each other by service name.</summary>
internal static class DeploymentNames
{
    /// <summary>Projects listen on ASP.NET Core's container default.</summary>
    public const int ProjectHttpPort = 8080;

    public const string SecretName = "patternquality-secrets";

    /// <summary><c>postgres-password</c> becomes <c>POSTGRES_PASSWORD</c>.</summary>
    public static string EnvironmentVariable(ParameterResource parameter) => parameter.Name.Replace('-', '_').ToUpperInvariant();

    public static string ProjectImageRepository(ProjectResource project) => project.AssemblyName.ToLowerInvariant().Replace('.', '-');

    public static int TargetPort(EndpointAnnotation endpoint) => endpoint.TargetPort ?? ProjectHttpPort;

    /// <summary>Endpoints as seen from inside the deployment: the service's name and the workload's port.</summary>
    public static string Endpoint(EndpointReferenceExpression reference)
    {
        var annotation = reference.Endpoint.Annotation;
        var host = reference.Endpoint.Resource.Name;
        var port = TargetPort(annotation).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return reference.Property switch
        {
            EndpointProperty.Url => $"{annotation.Scheme}://{host}:{port}",
            EndpointProperty.Host => host,
            _ => port,
        };
    }

    /// <summary>A model value for a deployment whose secrets are variables: <paramref name="parameter"/> renders the reference.</summary>
    public static string Render(object reference, Func<ParameterResource, string> parameter) => reference switch
    {
        string text => text,
        ParameterResource value => parameter(value),
        EndpointReferenceExpression endpoint => Endpoint(endpoint),
        IResourceWithConnectionString resource => resource.ConnectionStringExpression.Render(r => Render(r, parameter)),
        ReferenceExpression expression => expression.Render(r => Render(r, parameter)),
        _ => throw new NotSupportedException($"cannot publish {reference.GetType().Name}"),
    };

    public static IEnumerable<ParameterResource> ParametersIn(object value) => value switch
    {
        ParameterResource parameter => [parameter],
        IResourceWithConnectionString resource => resource.ConnectionStringExpression.References.SelectMany(ParametersIn),
        ReferenceExpression expression => expression.References.SelectMany(ParametersIn),
        _ => [],
    };
}
