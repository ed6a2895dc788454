namespace PatternQuality.Api;

/// <summary>Names this assembly for hosts that start it in memory (WebApplicationFactory&lt;T&gt; in the tests).</summary>
public sealed class ApiAssembly;
