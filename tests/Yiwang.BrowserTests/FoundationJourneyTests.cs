using Microsoft.Playwright;
using Yiwang.IntegrationTests.Infrastructure;

namespace Yiwang.BrowserTests;

/// <summary>What a newcomer does first, in a real Chromium: sign in at each level, browse the tree, look at people.</summary>
public sealed class FoundationJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task A_community_worker_logs_in_and_sees_only_their_community_in_the_tree()
    {
        var page = await host.NewPageAsync();
        await BrowserHost.LoginAsync(page, "guangrong");
        await page.ClickAsync("#nav-jurisdictions");
        await page.WaitForSelectorAsync("#unit-name");
        Assert.Contains("光荣居委会", await page.InnerTextAsync("#unit-name"));
        Assert.Equal("420116001001", await page.InnerTextAsync("#unit-code"));
        Assert.Contains("近似", await page.InnerTextAsync("figure.map figcaption"));
        // The district and the township are above this worker's unit: no links up the tree.
        Assert.Equal(0, await page.Locator("#breadcrumb a").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "jurisdiction-community-worker.png"), FullPage = true });

        await page.GotoAsync("/jurisdictions/420116013");
        await page.WaitForSelectorAsync("#jurisdiction-missing");
    }

    [Fact]
    public async Task A_township_officer_drills_from_the_map_into_a_community_and_opens_a_person()
    {
        var page = await host.NewPageAsync();
        await BrowserHost.LoginAsync(page, "qianchuan");
        await page.GotoAsync("/jurisdictions");
        Assert.Contains("前川街道", await page.InnerTextAsync("#unit-name"));
        var cells = page.Locator("#area-map a");
        Assert.True(await cells.CountAsync() > 10, "the township map shows its communities");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "jurisdiction-township-map.png"), FullPage = true });

        await page.ClickAsync("#children a >> text=光荣居委会");
        await page.WaitForURLAsync("**/jurisdictions/420116001001");
        // Enhanced navigation changes the address before it patches the page: wait for the new heading.
        await page.WaitForSelectorAsync("#unit-name:has-text('光荣居委会')");
        Assert.Contains("光荣居委会", await page.InnerTextAsync("#unit-name"));

        await page.GotoAsync("/people?community=420116001001");
        var first = page.Locator("#people-table tbody tr a").First;
        var name = await first.InnerTextAsync();
        await first.ClickAsync();
        await page.WaitForSelectorAsync("#person-name");
        Assert.Contains(name, await page.InnerTextAsync("#person-name"));
        var masked = await page.InnerTextAsync("#person-id");
        Assert.Matches(@"^\d{6}\*{8}\d{3}[\dX]$", masked);

        await page.FillAsync("#unmask-reason", "入户核实登记信息");
        await page.ClickAsync("#unmask-submit");
        await page.WaitForSelectorAsync("#unmasked-note");
        Assert.Matches(@"^\d{17}[\dX]$", await page.InnerTextAsync("#person-id"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "person-unmasked.png"), FullPage = true });
    }

    [Fact]
    public async Task A_wrong_password_gets_a_readable_message_and_the_language_can_switch()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#username", "commander");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("#login-submit");
        await page.WaitForSelectorAsync("#login-error");
        Assert.Contains("用户名或密码错误", await page.InnerTextAsync("#login-error"));

        await page.ClickAsync("a[lang=en]");
        await page.WaitForSelectorAsync("h1:has-text('Sign in')");
        await page.FillAsync("#username", "commander");
        await page.FillAsync("#password", YiwangFactory.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForSelectorAsync("#who");
        Assert.Contains("Persons in scope", await page.InnerTextAsync("main"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "home-english.png"), FullPage = true });
    }

    [Fact]
    public async Task The_home_page_works_on_a_phone_screen()
    {
        var page = await host.NewPageAsync(width: 390, height: 844);
        await BrowserHost.LoginAsync(page, "commander");
        Assert.Contains("黄陂区", await page.InnerTextAsync("main"));
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "no horizontal scrolling on a phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "home-phone.png"), FullPage = true });
    }
}
