namespace PatternQuality.AppHost.Hosting.Orchestration;

/// <summary>The environment the model gives a resource, rendered with the running values.</summary>
internal static class ResourceEnvironment
{
    /// <summary>
    /// The model's variables for <paramref name="resource"/>. A <c>ConnectionStrings__{name}</c> that
    /// configuration gives (an existing server) wins; a value that does not exist in this run
    /// (the gRPC endpoint of a Qdrant given only by its REST address) is left out.
    /// </summary>
    public static Dictionary<string, string> Build(IResource resource, DistributedApplicationExecutionContext executionContext, RuntimeValues values)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in resource.EnvironmentVariables(executionContext))
        {
            const string prefix = "ConnectionStrings__";
            if (name.StartsWith(prefix, StringComparison.Ordinal) && values.ConfiguredConnectionString(name[prefix.Length..]) is { } configured)
            {
                environment[name] = configured;
                continue;
            }

            try
            {
                environment[name] = values.Render(value);
            }
            catch (UnavailableValueException)
            {
            }
        }

        return environment;
    }
}
