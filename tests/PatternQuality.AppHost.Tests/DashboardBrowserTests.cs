using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PatternQuality.AppHost.Tests;

/// <summary>The dashboard in headless Chromium: log in with the token, see the resources, follow the backfill's trace.</summary>
public sealed class DashboardBrowserTests(DashboardFixture dashboard) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task A_developer_logs_in_sees_the_resources_and_follows_a_backfill_trace_to_Qdrant_and_PostgreSQL()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });

        // Unauthenticated: the login page only.
        await page.GotoAsync($"{dashboard.Endpoints.Url}/traces");
        Assert.EndsWith("/login", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("#token")).ToBeVisibleAsync();
        await Expect(page.Locator("#traces")).ToHaveCountAsync(0);

        // The printed link logs in and lands on the resources.
        await page.GotoAsync(dashboard.Endpoints.LoginUrl!);
        await Expect(page.Locator("#resources")).ToBeVisibleAsync();
        await Expect(State(page, "postgres")).ToHaveTextAsync("Running");
        await Expect(State(page, "qdrant")).ToHaveTextAsync("Running");
        await Expect(State(page, "migrator")).ToHaveTextAsync("Finished");
        await Expect(page.Locator("tr[data-resource='migrator'] .exit-code")).ToHaveTextAsync("0");
        await Expect(State(page, "backfill")).ToHaveTextAsync("Finished");
        await Expect(State(page, "api")).ToHaveTextAsync("Running");
        await Expect(page.Locator("tr[data-resource='api'] .health")).ToHaveTextAsync("Healthy");

        // The traces of the backfill, then its run.
        await page.GotoAsync($"{dashboard.Endpoints.Url}/traces?resource=backfill&text=backfill+run");
        await page.Locator("a.root", new PageLocatorOptions { HasText = "backfill: backfill run" }).First.ClickAsync();
        await Expect(page.Locator("#waterfall")).ToBeVisibleAsync();
        await Expect(page.Locator(".span-row[data-name^='backfill collection']").First).ToBeVisibleAsync();

        var batches = page.Locator(".span-row[data-name='backfill batch']");
        Assert.True(await batches.CountAsync() >= 2, "a run of 1,085 patterns in batches of 100 has many batches");
        var batchId = await batches.First.GetAttributeAsync("data-span-id");
        var children = page.Locator($".span-row[data-parent-id='{batchId}']");
        Assert.True(await children.CountAsync() >= 2);

        var found = new List<string>();
        for (var i = 0; i < await children.CountAsync(); i++)
        {
            var child = children.Nth(i);
            await child.Locator("summary").ClickAsync();
            found.Add(await child.Locator("table.attrs").InnerTextAsync());
        }

        Assert.Contains(found, attributes => attributes.Contains("/points/scroll", StringComparison.Ordinal)); // the Qdrant HTTP call
        Assert.Contains(found, attributes => attributes.Contains("postgresql", StringComparison.Ordinal)); // the PostgreSQL command

        var screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        var file = Path.Combine(screenshots, "backfill-trace.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        Assert.True(new FileInfo(file).Length > 10_000, "the screenshot holds the page");
        TestContext.Current.SendDiagnosticMessage($"screenshot: {file}");
    }

    [Fact]
    public async Task The_resources_page_follows_a_state_change_without_a_reload()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(dashboard.Endpoints.LoginUrl!);
        await Expect(State(page, "api")).ToHaveTextAsync("Running");
        await page.EvaluateAsync("window.notReloaded = true");

        // A console line and a state change made outside the page.
        dashboard.App.ResourceLogs.Write("api", "a line written while the page is open", isError: false);
        await dashboard.App.Services.GetRequiredService<ApplicationOrchestrator>().ExecuteCommandAsync("seed-demo", "start");

        await Expect(State(page, "seed-demo")).ToHaveTextAsync("Finished", new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 });
        await Expect(page.Locator("tr[data-resource='seed-demo'] td").Nth(3)).Not.ToBeEmptyAsync();
        Assert.True(await page.EvaluateAsync<bool>("window.notReloaded === true"), "the page updated in place");
    }

    private static ILocator State(IPage page, string resource) => page.Locator($"tr[data-resource='{resource}'] .state");
}
