namespace PatternQuality.AppHost.Dashboard;

/// <summary>The dashboard's settings, from <c>AppHost:Dashboard</c>.</summary>
public sealed class DashboardOptions
{
    public const string Section = "AppHost:Dashboard";

    public bool Enabled { get; set; } = true;

    /// <summary>The pages. Port 0 takes a free port.</summary>
    public string Url { get; set; } = "http://localhost:18888";

    /// <summary>The OTLP/HTTP receiver the projects export to.</summary>
    public string OtlpUrl { get; set; } = "http://localhost:18890";

    /// <summary>The browser token of the login link; generated for each run when empty.</summary>
    public string? BrowserToken { get; set; }

    /// <summary>What OTLP senders must give in <c>x-otlp-api-key</c>; generated for each run when empty, "none" to accept any sender.</summary>
    public string? OtlpApiKey { get; set; }

    /// <summary>The largest OTLP request body accepted.</summary>
    public int MaxOtlpBodyBytes { get; set; } = 4 * 1024 * 1024;

    public int MaxTraces { get; set; } = 10_000;

    public int MaxLogRecords { get; set; } = 10_000;

    public int MaxSpansPerTrace { get; set; } = 10_000;
}
