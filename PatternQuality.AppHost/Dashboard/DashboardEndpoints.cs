namespace PatternQuality.AppHost.Dashboard;

/// <summary>Where the running dashboard listens, once started; null when it is off.</summary>
public sealed class DashboardEndpoints
{
    public string? Url { get; internal set; }

    public string? OtlpUrl { get; internal set; }

    /// <summary>Given to projects in OTEL_EXPORTER_OTLP_HEADERS; null when the receiver accepts any sender.</summary>
    public string? OtlpApiKey { get; internal set; }

    public string? BrowserToken { get; internal set; }

    public string? LoginUrl => Url is null || BrowserToken is null ? null : $"{Url}/login?t={Uri.EscapeDataString(BrowserToken)}";
}
