namespace PatternQuality.AppHost.Hosting;

public enum WaitType
{
    /// <summary>Until the resource is Running and healthy; fails the waiter if it stops first.</summary>
    WaitUntilHealthy,

    /// <summary>Until the resource has run to completion with the expected exit code.</summary>
    WaitUntilCompleted,
}

public sealed record WaitAnnotation(IResource Resource, WaitType WaitType, int ExitCode = 0) : IResourceAnnotation;

public sealed record CommandLineArgsAnnotation(IReadOnlyList<string> Args) : IResourceAnnotation;

/// <summary>A readiness probe: GET on <see cref="Path"/> of the endpoint must answer 2xx.</summary>
public sealed record HttpHealthCheckAnnotation(string Path, string EndpointName) : IResourceAnnotation;

public sealed record ContainerImageAnnotation(string Registry, string Image, string Tag) : IResourceAnnotation
{
    public string Reference => $"{Registry}/{Image}:{Tag}";
}

public sealed record ContainerVolumeAnnotation(string Name, string Target) : IResourceAnnotation;

/// <summary>Another resource whose connection string or endpoints this one receives.</summary>
public sealed record ResourceReferenceAnnotation(IResource Resource) : IResourceAnnotation;

public sealed class EnvironmentCallbackContext(DistributedApplicationExecutionContext executionContext)
{
    public DistributedApplicationExecutionContext ExecutionContext { get; } = executionContext;

    /// <summary>Values are strings, <see cref="ReferenceExpression"/>s or the references they hold.</summary>
    public Dictionary<string, object> EnvironmentVariables { get; } = new(StringComparer.Ordinal);
}

public sealed record EnvironmentCallbackAnnotation(Action<EnvironmentCallbackContext> Callback) : IResourceAnnotation;

public sealed class DistributedApplicationExecutionContext(bool isPublishMode)
{
    public bool IsPublishMode { get; } = isPublishMode;

    public bool IsRunMode => !IsPublishMode;
}
