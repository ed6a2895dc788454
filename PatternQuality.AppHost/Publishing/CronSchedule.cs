using System.Globalization;

namespace PatternQuality.AppHost.Publishing;

/// <summary>A pass interval as a Kubernetes CronJob's schedule, where cron can say it exactly.</summary>
internal static class CronSchedule
{
    public static string From(TimeSpan interval, string given)
    {
        var minutes = interval.TotalMinutes;
        return minutes switch
        {
            _ when minutes != Math.Floor(minutes) => throw Inexpressible(given),
            < 60 when 60 % minutes == 0 => $"*/{Whole(minutes)} * * * *",
            _ when minutes % 60 == 0 && minutes < 1440 && 24 % (minutes / 60) == 0 => minutes == 60 ? "0 * * * *" : $"0 */{Whole(minutes / 60)} * * *",
            1440 => "0 0 * * *",
            _ => throw Inexpressible(given),
        };
    }

    private static string Whole(double value) => ((int)value).ToString(CultureInfo.InvariantCulture);

    private static DistributedApplicationException Inexpressible(string given) => new(
        $"{Projects.BackfillSchedule.ConfigurationKey} is '{given}', which a CronJob cannot keep exactly: give minutes that divide an hour, hours that divide a day, or 1d");
}
