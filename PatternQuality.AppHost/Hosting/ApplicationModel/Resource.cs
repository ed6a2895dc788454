using System.Text.RegularExpressions;

namespace PatternQuality.AppHost.Hosting;

/// <summary>Something the app model declares: a server, a database, a parameter, a project.</summary>
public interface IResource
{
    string Name { get; }

    IList<IResourceAnnotation> Annotations { get; }
}

/// <summary>A fact attached to a resource (an endpoint, an argument, a wait) that the engine and the publishers read.</summary>
public interface IResourceAnnotation;

public abstract partial class Resource : IResource
{
    protected Resource(string name)
    {
        if (!ValidName().IsMatch(name) || name.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"resource name '{name}' is not valid: use 1-64 ASCII letters, digits and single hyphens, starting with a letter", nameof(name));
        }

        Name = name;
    }

    public string Name { get; }

    public IList<IResourceAnnotation> Annotations { get; } = [];

    public override string ToString() => Name;

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9-]{0,63}$")]
    private static partial Regex ValidName();
}

public interface IResourceWithConnectionString : IResource
{
    ReferenceExpression ConnectionStringExpression { get; }
}

public interface IResourceWithEndpoints : IResource;

public interface IResourceWithEnvironment : IResource;

public interface IResourceWithArgs : IResource;

public interface IResourceWithWaitSupport : IResource;

public interface IResourceWithParent : IResource
{
    IResource Parent { get; }
}

public static class ResourceAnnotationExtensions
{
    public static IEnumerable<T> AnnotationsOf<T>(this IResource resource) where T : IResourceAnnotation =>
        resource.Annotations.OfType<T>();

    public static IReadOnlyList<EndpointAnnotation> Endpoints(this IResource resource) =>
        resource.AnnotationsOf<EndpointAnnotation>().ToList();

    public static EndpointReference GetEndpoint(this IResourceWithEndpoints resource, string name) => new(resource, name);

    /// <summary>The variables the resource's environment callbacks give, values not yet rendered.</summary>
    public static Dictionary<string, object> EnvironmentVariables(this IResource resource, DistributedApplicationExecutionContext executionContext)
    {
        var context = new EnvironmentCallbackContext(executionContext);
        foreach (var callback in resource.AnnotationsOf<EnvironmentCallbackAnnotation>())
        {
            callback.Callback(context);
        }

        return context.EnvironmentVariables;
    }
}
