using System.Globalization;

namespace PatternQuality.AppHost.Publishing;

/// <summary>
/// The model as a deployment target sees it: resources reach each other by service name and target port,
/// and a secret parameter is a reference the target resolves (<c>${NAME}</c>, <c>$(NAME)</c>), never its value.
/// </summary>
internal static class DeploymentValues
{
    /// <summary>Projects listen on ASP.NET Core's container default.</summary>
    public const int ProjectHttpPort = 8080;

    public const string SecretName = "patternquality-secrets";

    /// <summary><c>postgres-password</c> becomes <c>POSTGRES_PASSWORD</c>.</summary>
    public static string EnvironmentVariable(ParameterResource parameter) => parameter.Name.Replace('-', '_').ToUpperInvariant();

    public static int TargetPort(EndpointAnnotation endpoint) => endpoint.TargetPort ?? ProjectHttpPort;

    /// <summary>The endpoints a deployment serves; TLS is the ingress's, so a project's https endpoint is left out.</summary>
    public static IEnumerable<EndpointAnnotation> Endpoints(IResource resource) =>
        resource.Annotations.OfType<EndpointAnnotation>().Where(e => !(resource is ProjectResource && e.UriScheme == "https"));

    /// <summary>Every secret parameter the resources' environments hold, in order of first use.</summary>
    public static async Task<List<ParameterResource>> SecretsAsync(DistributedApplicationModel model, DistributedApplicationExecutionContext executionContext)
    {
        var secrets = new List<ParameterResource>();
        foreach (var resource in model.Resources)
        {
            foreach (var value in (await EnvironmentAsync(resource, executionContext)).Values)
            {
                secrets.AddRange(ParametersIn(value).Where(p => p.Secret && !secrets.Contains(p)).Distinct());
            }
        }

        return secrets;
    }

    /// <summary>The variables a staging site gives its images by, on every target: the projects' registry and tag.</summary>
    public const string RegistryVariable = "PATTERNQUALITY_REGISTRY";

    public const string TagVariable = "PATTERNQUALITY_TAG";

    /// <summary>A server's image variable: <c>POSTGRES_IMAGE</c> for postgres (a registry mirror, or an image built here).</summary>
    public static string ImageVariable(ContainerResource server) => $"{server.Name.ToUpperInvariant()}_IMAGE";

    /// <summary>The image the model gives a server, <c>docker.io/library/postgres:18.3</c>.</summary>
    public static string Image(ContainerResource server) =>
        server.TryGetContainerImageName(out var image) ? image : throw new InvalidOperationException($"{server.Name} has no image");

    /// <summary>The image a project is published as: <c>patternquality-api</c> for PatternQuality.Api.</summary>
    public static string ProjectImage(ProjectResource project) =>
        Path.GetFileNameWithoutExtension(project.GetProjectMetadata().ProjectPath).ToLowerInvariant().Replace('.', '-');

    /// <summary>The model's environment for publish mode, values not yet rendered.</summary>
    public static async Task<Dictionary<string, object>> EnvironmentAsync(IResource resource, DistributedApplicationExecutionContext executionContext)
    {
        var context = new EnvironmentCallbackContext(executionContext, resource, new Dictionary<string, object>());
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return context.EnvironmentVariables;
    }

    /// <summary>The model's arguments for publish mode, <paramref name="secret"/> rendering each parameter they hold.</summary>
    public static async Task<List<string>> ArgumentsAsync(
        IResource resource, DistributedApplicationExecutionContext executionContext, Func<ParameterResource, string> secret)
    {
        var arguments = new List<object>();
        var context = new CommandLineArgsCallbackContext(arguments, resource) { ExecutionContext = executionContext };
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return arguments.Select(argument => Render(argument, secret)).ToList();
    }

    /// <summary>One value of the model, <paramref name="secret"/> rendering each parameter it holds.</summary>
    public static string Render(object value, Func<ParameterResource, string> secret) => value switch
    {
        string text => text,
        ParameterResource parameter => secret(parameter),
        ConnectionStringReference reference => Render(reference.Resource.ConnectionStringExpression, secret),
        IResourceWithConnectionString resource => Render(resource.ConnectionStringExpression, secret),
        EndpointReference endpoint => Url(endpoint),
        EndpointReferenceExpression endpoint => endpoint.Property switch
        {
            EndpointProperty.Url => Url(endpoint.Endpoint),
            EndpointProperty.Host or EndpointProperty.IPV4Host => endpoint.Endpoint.Resource.Name,
            EndpointProperty.Port or EndpointProperty.TargetPort => Port(endpoint.Endpoint),
            EndpointProperty.HostAndPort => $"{endpoint.Endpoint.Resource.Name}:{Port(endpoint.Endpoint)}",
            EndpointProperty.Scheme => endpoint.Endpoint.EndpointAnnotation.UriScheme,
            _ => throw new NotSupportedException($"cannot publish the endpoint property {endpoint.Property}"),
        },
        ReferenceExpression expression => string.Format(CultureInfo.InvariantCulture, expression.Format,
            expression.ValueProviders.Select(provider => (object)Render(provider, secret)).ToArray()),
        _ => throw new NotSupportedException($"cannot publish a {value.GetType().Name}"),
    };

    /// <summary>The secret parameters a value holds.</summary>
    public static IEnumerable<ParameterResource> ParametersIn(object value) => value switch
    {
        ParameterResource parameter => [parameter],
        ConnectionStringReference reference => ParametersIn(reference.Resource.ConnectionStringExpression),
        IResourceWithConnectionString resource => ParametersIn(resource.ConnectionStringExpression),
        ReferenceExpression expression => expression.ValueProviders.SelectMany(ParametersIn),
        _ => [],
    };

    private static string Port(EndpointReference endpoint) => TargetPort(endpoint.EndpointAnnotation).ToString(CultureInfo.InvariantCulture);

    private static string Url(EndpointReference endpoint) => $"{endpoint.EndpointAnnotation.UriScheme}://{endpoint.Resource.Name}:{Port(endpoint)}";
}
