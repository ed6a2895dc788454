using Microsoft.Extensions.DependencyInjection;

namespace PatternQuality.AppHost;

/// <summary>
/// The image a server's container runs: <c>AppHost:Images:{resource}</c> (<c>[registry/]name[:tag]</c>) when given,
/// else the resource's own default. Before the container starts the image must be in the engine or pullable; one that
/// cannot be had fails the resource in one line with the two ways out, instead of DCP's pull errors.
/// </summary>
internal static class ContainerImages
{
    public static IResourceBuilder<T> WithConfiguredImage<T>(this IResourceBuilder<T> builder) where T : ContainerResource
    {
        if (builder.ApplicationBuilder.Configuration[$"AppHost:Images:{builder.Resource.Name}"] is { Length: > 0 } configured)
        {
            var (registry, image, tag) = Parse(configured);
            builder.WithImageRegistry(registry).WithImage(image, tag ?? "latest");
        }

        if (builder.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            builder.ApplicationBuilder.Eventing.Subscribe<BeforeResourceStartedEvent>(builder.Resource, async (@event, ct) =>
            {
                var image = Reference(builder.Resource);
                var log = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(builder.Resource);
                if (await ContainerEngine.ImageProblemAsync(image, log, ct) is { } problem)
                {
                    throw new DistributedApplicationException(
                        $"the image {image} cannot be had ({problem}); build the local images (deploy/images/build.sh) and set "
                        + $"AppHost__Images__{builder.Resource.Name} to what it prints, or run the servers as local processes (AppHost:Servers=local)");
                }
            });
        }

        return builder;
    }

    /// <summary><c>registry/name:tag</c>: a registry is a first segment with a dot, a colon or <c>localhost</c>, as Docker reads it.</summary>
    public static (string? Registry, string Image, string? Tag) Parse(string reference)
    {
        var slash = reference.IndexOf('/');
        string? registry = null;
        var rest = reference;
        if (slash > 0 && reference[..slash] is var first && (first.Contains('.') || first.Contains(':') || first == "localhost"))
        {
            registry = first;
            rest = reference[(slash + 1)..];
        }

        var colon = rest.LastIndexOf(':');
        return colon > 0 && !rest[colon..].Contains('/') ? (registry, rest[..colon], rest[(colon + 1)..]) : (registry, rest, null);
    }

    private static string Reference(ContainerResource resource)
    {
        var image = resource.Annotations.OfType<ContainerImageAnnotation>().Last();
        return $"{(image.Registry is { Length: > 0 } registry ? registry + "/" : "")}{image.Image}{(image.Tag is { Length: > 0 } tag ? ":" + tag : "")}";
    }
}
