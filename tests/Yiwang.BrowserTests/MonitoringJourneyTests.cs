using Yiwang.Kernel.Contracts.Epidemic;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yiwang.Epidemic.Domain;
using Yiwang.Epidemic.Features;
using Yiwang.Epidemic.Features.Isolation;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.People.Domain;

namespace Yiwang.BrowserTests;

/// <summary>A community worker on a phone does the daily round of health checks.</summary>
public sealed class MonitoringJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Guangrong = "420116001001";

    [Fact]
    public async Task A_community_worker_records_a_fever_on_a_phone_and_sees_it_in_red()
    {
        Guid caseId, siteId;
        string name;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            var person = await db.Set<Person>().AsNoTracking()
                .Where(p => p.CommunityCode == Guangrong && p.MergedIntoId == null && !db.Set<EpiCase>().Any(c => c.PersonId == p.Id))
                .OrderBy(p => p.Id).FirstAsync();
            var workflow = scope.ServiceProvider.GetRequiredService<CaseWorkflow>();
            var result = await workflow.CreateAsync(new CaseWorkflow.NewCase(person.Id, null, CaseCategory.CloseContact, "manual", null), default);
            Assert.True(result.IsOk, result.Refusal?.ToString());
            var created = result.Value;
            Assert.Null((await workflow.MoveAsync(created.Id, "observation-home", null, null, default)).Refusal);
            (caseId, name) = (created.Id, person.Name);
            var isolation = scope.ServiceProvider.GetRequiredService<IsolationService>();
            var site = await scope.ServiceProvider.GetRequiredService<IsolationSites>().CreateAsync(
                new IsolationSites.SiteInput("前川集中隔离点（金龙酒店）", "hotel", "黄陂区前川街道百秀街 8 号", "420116001", 40, true, null), AccessScope.District, default);
            Assert.True(site.IsOk, site.Refusal?.ToString());
            siteId = site.Value.Id;
            Assert.Null((await isolation.AssignAsync(caseId, siteId, AccessScope.District, default)).Refusal);
        }

        var page = await host.NewPageAsync(width: 390, height: 844);
        await BrowserHost.LoginAsync(page, "guangrong");
        await page.GotoAsync("/epidemic/monitoring");
        var row = page.Locator($"li[data-case='{caseId}']");
        Assert.Contains(name, await row.InnerTextAsync());
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "no horizontal scrolling on a phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "monitoring-phone-due.png"), FullPage = true });

        await row.Locator("input[name='Check.Temperature']").FillAsync("38.2");
        await row.Locator("input[name='Check.Cough']").CheckAsync();
        await row.Locator("button.record").ClickAsync();
        await page.WaitForSelectorAsync("#mon-result");
        Assert.Contains("38.2", await page.InnerTextAsync("#mon-result"));

        await page.ClickAsync("#tab-done");
        var done = page.Locator($"li[data-case='{caseId}'] .reading.abnormal");
        await done.WaitForAsync();
        Assert.Contains("38.2", await done.InnerTextAsync());
        Assert.Equal("rgb(198, 40, 40)", await done.EvaluateAsync<string>("e => getComputedStyle(e).color"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "monitoring-phone-done.png"), FullPage = true });

        // The township's site, with its occupancy bar, and the person among its occupants.
        await page.ClickAsync("#nav-isolation");
        await page.ClickAsync($"#sites a[href='/isolation/{siteId}']");
        await page.WaitForSelectorAsync("#occupants");
        Assert.Contains(name, await page.InnerTextAsync("#occupants"));
        Assert.Contains("1 / 40", await page.InnerTextAsync(".iso-bar"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "isolation-site-phone.png"), FullPage = true });
    }
}
