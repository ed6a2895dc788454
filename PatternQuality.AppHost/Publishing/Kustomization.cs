using YamlDotNet.Serialization;

namespace PatternQuality.AppHost.Publishing;

/// <summary>
/// <c>kustomization.yaml</c> beside the Kubernetes manifests: each image of the model by the name kustomize matches,
/// and the one command that gives them the variables compose takes (<c>POSTGRES_IMAGE</c>, <c>QDRANT_IMAGE</c>,
/// <c>PATTERNQUALITY_REGISTRY</c>, <c>PATTERNQUALITY_TAG</c>), so both targets run the same images.
/// </summary>
internal static class Kustomization
{
    public const string FileName = "kustomization.yaml";

    public static Task<string> WriteAsync(DistributedApplicationModel model, DistributedApplicationExecutionContext executionContext)
    {
        var images = new List<(string Name, string Variable)>();
        foreach (var resource in model.Resources)
        {
            switch (resource)
            {
                case ContainerResource server when server.Annotations.OfType<ContainerImageAnnotation>().LastOrDefault() is { } image:
                    images.Add(($"{image.Registry}/{image.Image}".TrimStart('/'), $"${DeploymentValues.ImageVariable(server)}"));
                    break;
                case ProjectResource project:
                    var name = DeploymentValues.ProjectImage(project);
                    images.Add((name, $"${DeploymentValues.RegistryVariable}/{name}:${DeploymentValues.TagVariable}"));
                    break;
            }
        }

        var kustomization = new Dictionary<string, object>
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
            ["kind"] = "Kustomization",
            ["resources"] = new[] { KubernetesManifests.FileName },
            ["images"] = images.Select(image => new Dictionary<string, string> { ["name"] = image.Name }).ToList(),
        };
        var header = "# Generated with kubernetes.yaml (publish-kubernetes). The images compose runs, by the same variables:\n"
            + $"#   kustomize edit set image {string.Join(' ', images.Select(image => $"{image.Name}=\"{image.Variable}\""))}\n"
            + "#   kubectl apply -k .\n";
        return Task.FromResult(header + new SerializerBuilder().Build().Serialize(kustomization));
    }
}
