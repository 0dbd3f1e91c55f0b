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

    [Fact]
    public async Task A_township_dispatches_work_and_the_community_worker_accepts_and_completes_it()
    {
        var title = "核查返乡人员 " + Guid.NewGuid().ToString("N")[..6];
        var officer = await host.NewPageAsync();
        await BrowserHost.LoginAsync(officer, "qianchuan");
        await officer.ClickAsync("#nav-workorders");
        await officer.SelectOptionAsync("#dispatch-unit", "420116001001");
        await officer.FillAsync("#dispatch-title", title);
        await officer.FillAsync("#dispatch-due", DateTime.UtcNow.AddHours(8 + 4).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await officer.ClickAsync("#dispatch-submit");
        await officer.WaitForSelectorAsync("#workorder-title");
        Assert.Equal(title, await officer.InnerTextAsync("#workorder-title"));
        Assert.Contains("光荣居委会", await officer.InnerTextAsync("#workorder-unit"));

        var worker = await host.NewPageAsync();
        await BrowserHost.LoginAsync(worker, "guangrong");
        await worker.ClickAsync("#nav-workorders");
        await worker.ClickAsync($"#workorders-table a:text-is('{title}')");
        await worker.ClickAsync("#accept-submit");
        await worker.WaitForSelectorAsync("#complete-note");
        Assert.Contains("办理中", await worker.InnerTextAsync("#workorder-status"));
        await worker.FillAsync("#complete-note", "已电话及入户核实");
        await worker.ClickAsync("#complete-submit");
        await worker.WaitForSelectorAsync("#workorder-message");
        Assert.Contains("已办结", await worker.InnerTextAsync("#workorder-status"));
        Assert.Equal(3, await worker.Locator("#workorder-events tbody tr").CountAsync());
        await worker.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "workorder-done.png"), FullPage = true });

        await officer.GotoAsync("/workorders/supervision");
        await officer.WaitForSelectorAsync("#supervision-table");
        await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "workorder-supervision.png"), FullPage = true });
    }
}
