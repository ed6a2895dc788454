using System.Diagnostics;

namespace PatternQuality.ServiceDefaults.Telemetry;

public static class ActivityFailures
{
    /// <summary>Marks the span as failed and attaches the exception, as the OpenTelemetry conventions ask.</summary>
    public static void RecordFailure(this Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.AddException(exception);
    }
}
