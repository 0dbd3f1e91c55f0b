using Microsoft.Playwright;

namespace Yiwang.BrowserTests;

/// <summary>The command chain in a real Chromium: the district issues a directive, a township acknowledges it.</summary>
public sealed class CommandJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task The_commander_issues_a_directive_to_qianchuan_and_the_officer_acknowledges_it()
    {
        var title = "防控会议通知 " + Guid.NewGuid().ToString("N")[..6];
        var commander = await host.NewPageAsync();
        await BrowserHost.LoginAsync(commander, "commander");
        await commander.ClickAsync("#nav-directives");
        await commander.FillAsync("#issue-title", title);
        await commander.FillAsync("#issue-body", "今晚 8 点召开视频调度会，请各社区书记参加。");
        await commander.CheckAsync("#issue-unit-420116001");
        await commander.CheckAsync("#issue-communities");
        await commander.FillAsync("#issue-meeting-at", DateTime.Now.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await commander.FillAsync("#issue-meeting-link", "https://meeting.example.cn/j/8888");
        await commander.ClickAsync("#issue-submit");
        await commander.WaitForSelectorAsync("#directive-title");
        Assert.Equal(title, await commander.InnerTextAsync("#directive-title"));
        var url = commander.Url;
        Assert.Contains("前川街道", await commander.InnerTextAsync("#recipients-table"));
        await commander.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "directive-issued.png"), FullPage = true });

        var officer = await host.NewPageAsync();
        await BrowserHost.LoginAsync(officer, "qianchuan");
        await officer.ClickAsync("#nav-directives");
        var unread = officer.Locator("#inbox-table tr.unread a", new() { HasTextString = title });
        await unread.ClickAsync();
        await officer.WaitForSelectorAsync("#directive-meeting-link");
        Assert.Equal("https://meeting.example.cn/j/8888", await officer.GetAttributeAsync("#directive-meeting-link", "href"));
        await officer.ClickAsync("#acknowledge-submit");
        await officer.WaitForSelectorAsync("#directive-acknowledged");
        Assert.Contains("qianchuan", await officer.InnerTextAsync("#directive-acknowledged"));
        await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "directive-acknowledged.png"), FullPage = true });

        await commander.GotoAsync(url);
        var row = commander.Locator("#recipients-table tr[data-unit='420116001']");
        Assert.Contains("qianchuan", await row.InnerTextAsync());
        Assert.Equal("done", await row.GetAttributeAsync("class"));
    }
}
