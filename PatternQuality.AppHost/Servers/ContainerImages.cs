using Microsoft.Extensions.DependencyInjection;

namespace PatternQuality.AppHost.Servers;

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
            builder.WithImage(configured); // Aspire parses [registry/]name[:tag] itself
        }

        if (builder.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            builder.ApplicationBuilder.Eventing.Subscribe<BeforeResourceStartedEvent>(builder.Resource, async (@event, ct) =>
            {
                var image = builder.Resource.TryGetContainerImageName(out var name) ? name : builder.Resource.Name;
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
}
