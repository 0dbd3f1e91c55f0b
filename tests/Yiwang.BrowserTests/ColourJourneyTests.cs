using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yiwang.Kernel.Data;

namespace Yiwang.BrowserTests;

/// <summary>
/// Four eyes in a real browser: a confirmed case turns a resident red with its reason; one health officer asks for a
/// manual green with a reason, cannot approve it herself, and a second officer approves it.
/// </summary>
public sealed class ColourJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task A_red_code_is_explained_and_a_manual_green_needs_a_second_officer()
    {
        Guid personId;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            var followed = db.Set<Epidemic.Domain.EpiCase>().Select(c => c.PersonId);
            personId = await db.Set<People.Domain.Person>()
                .Where(x => x.CommunityCode == "420116001001" && x.MergedIntoId == null && !followed.Contains(x.Id))
                .OrderByDescending(x => x.Name).Select(x => x.Id).FirstAsync();
        }

        var page = await host.NewPageAsync();
        await BrowserHost.LoginAsync(page, "health");
        var created = await page.APIRequest.PostAsync("/api/epidemic/cases", new APIRequestContextOptions { DataObject = new { personId, category = "Confirmed" } });
        Assert.Equal(201, created.Status);

        // The outbox delivers the new state to the colour rules within moments.
        var url = $"/health-codes/persons/{personId}";
        for (var i = 0; i < 60; i++)
        {
            await page.GotoAsync(url);
            if (await page.GetAttributeAsync("#hc-now .hc-badge", "data-colour") == "red")
            {
                break;
            }

            await Task.Delay(500);
        }

        Assert.Equal("red", await page.GetAttributeAsync("#hc-now .hc-badge", "data-colour"));
        Assert.Contains("确诊病例", await page.InnerTextAsync("#hc-reasons"));
        Assert.Contains("红码", await page.InnerTextAsync("#hc-now"));

        await page.SelectOptionAsync("#hc-request select[name='Request.Colour']", "green");
        await page.FillAsync("#hc-request textarea[name='Request.Reason']", "病例系身份证被他人冒用登记，经核实本人未感染");
        await page.ClickAsync("#hc-request button[type=submit]");
        await page.WaitForSelectorAsync("#hc-overrides");
        Assert.Contains("待审批", await page.InnerTextAsync("#hc-overrides"));
        Assert.Contains("本人提出的申请须由他人审批", await page.InnerTextAsync("#hc-overrides"));
        Assert.Equal(0, await page.Locator("#hc-overrides .hc-approve").CountAsync());

        var second = await host.NewPageAsync();
        await BrowserHost.LoginAsync(second, "health2");
        await second.GotoAsync(url);
        await second.FillAsync("#hc-overrides input[name='Decision.Note']", "核实属实，同意");
        await second.ClickAsync("#hc-overrides .hc-approve");
        await second.WaitForSelectorAsync("#hc-now .hc-badge[data-colour='green']");
        Assert.Contains("人工调整", await second.InnerTextAsync("#hc-reasons"));
        Assert.Contains("已生效", await second.InnerTextAsync("#hc-overrides"));
        Assert.Contains("health2", await second.InnerTextAsync("#hc-history"));
        await second.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "health-code-override.png"), FullPage = true });

        // The red and yellow list of the district no longer has the person as red.
        await second.GotoAsync("/health-codes?colour=red");
        Assert.Equal(0, await second.Locator($"#hc-list a[href='/health-codes/persons/{personId}']").CountAsync());
    }
}
