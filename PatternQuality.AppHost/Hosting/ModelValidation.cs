namespace PatternQuality.AppHost.Hosting;

/// <summary>Refuses a model the engine could not run: waits on resources outside it, or waits in a cycle.</summary>
internal static class ModelValidation
{
    public static void Validate(IReadOnlyList<IResource> resources)
    {
        foreach (var resource in resources)
        {
            foreach (var wait in resource.AnnotationsOf<WaitAnnotation>())
            {
                if (!resources.Contains(wait.Resource))
                {
                    throw new InvalidOperationException($"'{resource.Name}' waits for '{wait.Resource.Name}', which is not in the app model");
                }
            }
        }

        var state = new Dictionary<IResource, bool>(); // false: on the current path, true: done
        foreach (var resource in resources)
        {
            Visit(resource, state, []);
        }
    }

    private static void Visit(IResource resource, Dictionary<IResource, bool> state, List<IResource> path)
    {
        if (state.TryGetValue(resource, out var done))
        {
            if (!done)
            {
                var cycle = path.SkipWhile(r => r != resource).Append(resource).Select(r => r.Name);
                throw new InvalidOperationException($"resources wait for each other in a cycle: {string.Join(" -> ", cycle)}");
            }

            return;
        }

        state[resource] = false;
        path.Add(resource);
        foreach (var dependency in Dependencies(resource))
        {
            Visit(dependency, state, path);
        }

        path.RemoveAt(path.Count - 1);
        state[resource] = true;
    }

    /// <summary>What must be up before the resource starts: its waits, and a database's server.</summary>
    public static IEnumerable<IResource> Dependencies(IResource resource) =>
        resource.AnnotationsOf<WaitAnnotation>().Select(w => w.Resource)
            .Concat(resource is IResourceWithParent child ? [child.Parent] : []);
}
