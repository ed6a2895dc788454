namespace PatternQuality.AppHost;

/// <summary>A type of the AppHost's assembly, for <c>DistributedApplicationTestingBuilder.CreateAsync&lt;T&gt;</c>.</summary>
public sealed class AppHostAssembly;
