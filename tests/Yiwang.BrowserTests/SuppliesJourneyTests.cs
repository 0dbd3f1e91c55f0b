using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yiwang.Kernel.Data;

namespace Yiwang.BrowserTests;

/// <summary>Residents' supplies in a real browser, on a phone-sized screen: a request from search to delivery, stock moved down.</summary>
public sealed class SuppliesJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private async Task<T> WithDbAsync<T>(Func<YiwangDbContext, Task<T>> work)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<YiwangDbContext>());
    }

    [Fact]
    public async Task A_worker_records_a_request_accepts_it_and_delivers_part_of_it_on_a_phone()
    {
        var resident = await WithDbAsync(db => db.Set<People.Domain.Person>()
            .Where(p => p.CommunityCode == "420116001001" && p.MergedIntoId == null).OrderBy(p => p.Name).FirstAsync());
        var page = await host.NewPageAsync(width: 390, height: 844);
        await BrowserHost.LoginAsync(page, "guangrong");
        await page.ClickAsync("#nav-supplies");
        await page.FillAsync("#supplies-hq", resident.Name);
        await page.ClickAsync("#supplies-find");
        await page.WaitForSelectorAsync("#supplies-candidates");
        await page.ClickAsync("#supplies-candidates a.choose >> nth=0");
        await page.WaitForSelectorAsync("#supplies-new");
        await page.FillAsync("#qty-rice", "2");
        await page.FillAsync("#qty-vegetables", "3");
        await page.FillAsync("#supplies-note", "老人行动不便");
        await page.ClickAsync("#supplies-submit");
        await page.WaitForSelectorAsync("#supplies-message");
        Assert.Contains("已为", await page.InnerTextAsync("#supplies-message"));
        Assert.Contains("大米×2", await page.InnerTextAsync("#supplies-queue"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "supplies-queue-phone.png"), FullPage = true });

        await page.ClickAsync($"#supplies-queue a:has-text('{resident.Name}') >> nth=0");
        await page.ClickAsync("#supply-accept");
        await page.WaitForSelectorAsync("#supply-deliver");
        await page.FillAsync("#deliver-by", "志愿者李四");
        await page.FillAsync("#deliver-line-1", "1");
        await page.ClickAsync("#supply-deliver-submit");
        await page.WaitForSelectorAsync("#supply-deliveries");
        Assert.Contains("配送已登记", await page.InnerTextAsync("#supply-message"));
        Assert.Contains("部分送达", await page.InnerTextAsync("h1"));
        Assert.Contains("大米×1", await page.InnerTextAsync("#supply-deliveries"));
        Assert.Contains("蔬菜×3", await page.InnerTextAsync("#supply-deliveries"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "supplies-request-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task The_district_receives_masks_and_allocates_them_to_a_township()
    {
        var page = await host.NewPageAsync();
        await BrowserHost.LoginAsync(page, "commander");
        await page.GotoAsync("/supplies/stock");
        await page.FillAsync("#receipt-qty", "5000");
        await page.FillAsync("#receipt-ref", "省疾控-2026-118");
        await page.ClickAsync("#receipt-submit");
        await page.WaitForSelectorAsync("#stock-message");
        Assert.Contains("已入库", await page.InnerTextAsync("#stock-message"));

        await page.SelectOptionAsync("#allocate-to", "420116001");
        await page.FillAsync("#allocate-qty", "999999");
        await page.ClickAsync("#allocate-submit");
        await page.WaitForSelectorAsync("#stock-message.error");
        Assert.Contains("不足", await page.InnerTextAsync("#stock-message"));

        await page.FillAsync("#allocate-qty", "1200");
        await page.ClickAsync("#allocate-submit");
        await page.WaitForSelectorAsync("#stock-message.ok");
        var balances = await page.InnerTextAsync("#stock-balances");
        Assert.Contains("前川街道", balances);
        Assert.Contains("1,200", balances);
        Assert.Contains("调出", await page.InnerTextAsync("#stock-ledger"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "supplies-stock.png"), FullPage = true });
    }
}
