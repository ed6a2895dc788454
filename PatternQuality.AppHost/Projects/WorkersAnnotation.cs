namespace PatternQuality.AppHost.Projects;

/// <summary>How many backfill workers share one run: replicas here, an Indexed Job's completions, compose replicas.</summary>
internal sealed record WorkersAnnotation(int Workers) : IResourceAnnotation;
