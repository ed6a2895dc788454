using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PatternQuality.AppHost.Publishing;

/// <summary>
/// docker-compose and Kubernetes output for staging, as publishing steps over Aspire's app model
/// (Aspire.Hosting.Docker and .Kubernetes are not served here); Kubernetes' with its kustomization.yaml:
/// <c>--operation publish --step publish-compose|publish-kubernetes --output-path DIR</c>.
/// </summary>
internal static class StagingPublishers
{
    public static IDistributedApplicationBuilder AddStagingPublishers(this IDistributedApplicationBuilder builder)
    {
        builder.Pipeline.AddStep("publish-compose", context => WriteAsync(context, ComposeFile.FileName, ComposeFile.WriteAsync),
            requiredBy: WellKnownPipelineSteps.Publish);
        builder.Pipeline.AddStep("publish-kubernetes", async context =>
        {
            await WriteAsync(context, KubernetesManifests.FileName, KubernetesManifests.WriteAsync);
            await WriteAsync(context, Kustomization.FileName, Kustomization.WriteAsync);
        }, requiredBy: WellKnownPipelineSteps.Publish);
        return builder;
    }

    private static async Task WriteAsync(PipelineStepContext context, string fileName,
        Func<DistributedApplicationModel, DistributedApplicationExecutionContext, Task<string>> write)
    {
        var directory = context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory();
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        await File.WriteAllTextAsync(path, await write(context.Model, context.ExecutionContext), context.CancellationToken);
        context.Logger.LogInformation("wrote {Path}", path);
    }
}
