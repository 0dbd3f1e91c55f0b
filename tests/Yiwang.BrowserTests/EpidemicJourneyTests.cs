using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yiwang.Kernel.Data;

namespace Yiwang.BrowserTests;

/// <summary>A community worker follows a close contact in a real browser: open the record, move it, see a refusal explained.</summary>
public sealed class EpidemicJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task A_worker_opens_a_close_contact_record_starts_observation_and_is_told_why_release_must_wait()
    {
        // A resident of the worker's community with no record yet.
        Guid personId;
        string name;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            var followed = db.Set<Epidemic.Domain.EpiCase>().Select(c => c.PersonId);
            var p = await db.Set<People.Domain.Person>()
                .Where(x => x.CommunityCode == "420116001001" && x.MergedIntoId == null && !followed.Contains(x.Id))
                .OrderBy(x => x.Name).Select(x => new { x.Id, x.Name }).FirstAsync();
            (personId, name) = (p.Id, p.Name);
        }

        var page = await host.NewPageAsync(width: 414, height: 896);
        await BrowserHost.LoginAsync(page, "guangrong");
        await page.GotoAsync(host.BaseUrl + "/epidemic/new?q=" + Uri.EscapeDataString(name));
        var row = page.Locator("#person-results tr", new PageLocatorOptions { Has = page.Locator($"a[href='/people/{personId}']") });
        await row.Locator("select[name='Input.Category']").SelectOptionAsync("CloseContact");
        await row.Locator("button.create-case").ClickAsync();

        await page.WaitForSelectorAsync("#case-state");
        Assert.Contains("已追踪待隔离", await page.InnerTextAsync("#case-state"));
        Assert.Contains("密接", await page.InnerTextAsync("#case-category"));

        await page.ClickAsync("form.move[data-to='observation-centralised'] button");
        await page.WaitForSelectorAsync("#case-message");
        Assert.Contains("集中隔离观察", await page.InnerTextAsync("#case-state"));

        // Release is offered but explains what it still needs.
        var release = page.Locator("form.move[data-to='released']");
        Assert.Contains("须满 14 天", await release.InnerTextAsync());
        await release.Locator("button").ClickAsync();
        await page.WaitForSelectorAsync("#case-message.error");
        Assert.Contains("须满 14 天", await page.InnerTextAsync("#case-message"));
        Assert.Contains("集中隔离观察", await page.InnerTextAsync("#case-state"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "epidemic-case.png"), FullPage = true });
    }
}
