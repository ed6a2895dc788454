namespace PatternQuality.AppHost.Publishing;

/// <summary>How a deployment target asks a server's container whether it is ready (compose healthcheck, Kubernetes probe).</summary>
internal sealed record ReadinessCommandAnnotation(string[] Command) : IResourceAnnotation;
