using System.Text.Json;
using System.Text.Json.Nodes;
using PatternQuality.AppHost.Hosting.Orchestration;

namespace PatternQuality.AppHost.Hosting.Publishing;

/// <summary>
/// The Aspire deployment manifest (schema aspire-8.0): parameters as <c>parameter.v0</c> with
/// generated secret inputs, servers as <c>container.v0</c>, the database as <c>value.v0</c>,
/// projects as <c>project.v0</c>, every value a <c>{resource.property}</c> expression.
/// </summary>
internal static class ManifestPublisher
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(DistributedApplicationModel model, string manifestDirectory)
    {
        var resources = new JsonObject();
        foreach (var resource in model.Resources)
        {
            resources[resource.Name] = resource switch
            {
                ParameterResource parameter => Parameter(parameter),
                PostgresDatabaseResource database => new JsonObject
                {
                    ["type"] = "value.v0",
                    ["connectionString"] = database.ConnectionStringExpression.ManifestExpression,
                },
                ProjectResource project => Project(project, model, manifestDirectory),
                _ when resource.AnnotationsOf<ContainerImageAnnotation>().Any() => Container(resource, model),
                _ => throw new NotSupportedException($"no manifest form for {resource.GetType().Name}"),
            };
        }

        var manifest = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/aspire-8.0.json",
            ["resources"] = resources,
        };
        return manifest.ToJsonString(Indented) + "\n";
    }

    private static JsonObject Parameter(ParameterResource parameter)
    {
        var input = new JsonObject { ["type"] = "string", ["secret"] = parameter.Secret };
        if (parameter.Generate is { } generate)
        {
            input["default"] = new JsonObject
            {
                ["generate"] = new JsonObject { ["minLength"] = generate.MinLength, ["special"] = generate.Special },
            };
        }

        return new JsonObject
        {
            ["type"] = "parameter.v0",
            ["value"] = $"{{{parameter.Name}.inputs.value}}",
            ["inputs"] = new JsonObject { ["value"] = input },
        };
    }

    private static JsonObject Container(IResource resource, DistributedApplicationModel model)
    {
        var container = new JsonObject { ["type"] = "container.v0" };
        if (resource is IResourceWithConnectionString withConnectionString)
        {
            container["connectionString"] = withConnectionString.ConnectionStringExpression.ManifestExpression;
        }

        container["image"] = resource.AnnotationsOf<ContainerImageAnnotation>().Single().Reference;
        container["env"] = Environment(resource, model, []);
        container["bindings"] = Bindings(resource);
        var volumes = resource.AnnotationsOf<ContainerVolumeAnnotation>()
            .Select(v => (JsonNode)new JsonObject { ["name"] = v.Name, ["target"] = v.Target, ["readOnly"] = false }).ToArray();
        if (volumes.Length > 0)
        {
            container["volumes"] = new JsonArray(volumes);
        }

        return container;
    }

    private static JsonObject Project(ProjectResource project, DistributedApplicationModel model, string manifestDirectory)
    {
        var node = new JsonObject
        {
            ["type"] = "project.v0",
            ["path"] = Path.GetRelativePath(manifestDirectory, project.ProjectPath).Replace('\\', '/'),
        };
        var args = project.AnnotationsOf<CommandLineArgsAnnotation>().SelectMany(a => a.Args).ToArray();
        if (args.Length > 0)
        {
            node["args"] = new JsonArray(args.Select(a => (JsonNode)a).ToArray());
        }

        var first = new Dictionary<string, string>(ProjectEnvironment.ManifestOpenTelemetryVariables);
        if (project.Endpoints().Any(e => e.Scheme == "http"))
        {
            first["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true";
            first["HTTP_PORTS"] = string.Join(';', project.Endpoints().Where(e => e.Scheme == "http")
                .Select(e => new EndpointReferenceExpression(project.GetEndpoint(e.Name), EndpointProperty.TargetPort).ManifestExpression));
        }

        node["env"] = Environment(project, model, first);
        if (project.Endpoints().Count > 0)
        {
            node["bindings"] = Bindings(project);
        }

        return node;
    }

    private static JsonObject Environment(IResource resource, DistributedApplicationModel model, Dictionary<string, string> first)
    {
        var env = new JsonObject();
        foreach (var (name, value) in first)
        {
            env[name] = value;
        }

        foreach (var (name, value) in resource.EnvironmentVariables(model.ExecutionContext))
        {
            env[name] = ManifestExpressions.Of(value);
        }

        return env;
    }

    private static JsonObject Bindings(IResource resource)
    {
        var bindings = new JsonObject();
        foreach (var endpoint in resource.Endpoints())
        {
            var binding = new JsonObject { ["scheme"] = endpoint.Scheme, ["protocol"] = "tcp", ["transport"] = endpoint.Transport };
            if (endpoint.IsExternal)
            {
                binding["external"] = true;
            }

            if (endpoint.TargetPort is { } targetPort)
            {
                binding["targetPort"] = targetPort;
            }

            bindings[endpoint.Name] = binding;
        }

        return bindings;
    }
}
