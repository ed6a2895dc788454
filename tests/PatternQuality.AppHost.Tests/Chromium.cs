using Microsoft.Playwright;

namespace PatternQuality.AppHost.Tests;

/// <summary>Debian's Chromium (installed by .ci/run), driven by Playwright without a browser download of its own.</summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(Path))
        {
            throw new FileNotFoundException($"the browser tests need Debian's Chromium at {Path}: apt-get install chromium (.ci/run does)", Path);
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            // This machine's network is closed: without these Chromium keeps dialling Google's services.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }
}
