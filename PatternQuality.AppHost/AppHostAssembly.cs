namespace PatternQuality.AppHost;

/// <summary>Names this assembly, whose entry point is the app model, for the testing entry point.</summary>
public sealed class AppHostAssembly;
