namespace PatternQuality.AppHost.Projects;

/// <summary>The backfill kept running: a pass every <paramref name="Interval"/> (<paramref name="Text"/> as it was given).</summary>
internal sealed record PassScheduleAnnotation(TimeSpan Interval, string Text) : IResourceAnnotation;
