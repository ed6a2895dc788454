using PatternQuality.ServiceDefaults.Configuration;

namespace PatternQuality.Api.Data;

public static class ReadOnlyDatabase
{
    /// <summary>
    /// The omninode_bridge data source (Aspire.Npgsql's), every session of which is read-only
    /// (<c>default_transaction_read_only</c>): the API only reads, and the database enforces it.
    /// </summary>
    public static IHostApplicationBuilder AddReadOnlyDatabase(this IHostApplicationBuilder builder) =>
        builder.AddOmninodeBridge("patternquality-api", tune: settings =>
        {
            settings.Options = string.Join(' ', new[] { settings.Options, "-c default_transaction_read_only=on" }.Where(o => !string.IsNullOrEmpty(o)));
            settings.MaxAutoPrepare = Math.Max(settings.MaxAutoPrepare, 20);
            settings.Timeout = Math.Min(settings.Timeout, 5);
        });
}
