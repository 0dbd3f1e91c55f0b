using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yiwang.IntegrationTests.Infrastructure;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Identity;

namespace Yiwang.BrowserTests;

/// <summary>A community worker's data-sharing work in a real browser: upload a spreadsheet, read the report, settle a duplicate.</summary>
public sealed class IntakeJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task A_worker_uploads_an_excel_sheet_checks_the_mapping_and_reads_the_validation_report()
    {
        var good = ResidentIdentityNumber.Create("420116", new DateOnly(1961, 7, 8), 951);
        var file = Path.Combine(Path.GetTempPath(), $"登记表-{Guid.NewGuid():N}.xlsx");
        MiniExcelLibs.MiniExcel.SaveAs(file, new[]
        {
            new Dictionary<string, object> { ["记录编号"] = "B-1", ["身份证号"] = good, ["姓名"] = "网页导入", ["联系电话"] = "13566667777", ["住址"] = "光荣社区20栋", ["社区代码"] = "420116001001" },
            new Dictionary<string, object> { ["记录编号"] = "B-2", ["身份证号"] = good[..17] + (good[17] == '1' ? "2" : "1"), ["姓名"] = "校验错", ["联系电话"] = "", ["住址"] = "光荣社区21栋", ["社区代码"] = "420116001001" },
            new Dictionary<string, object> { ["记录编号"] = "B-3", ["身份证号"] = "", ["姓名"] = "缺号码", ["联系电话"] = "", ["住址"] = "光荣社区22栋", ["社区代码"] = "420116001001" },
        });
        try
        {
            var page = await host.NewPageAsync();
            await BrowserHost.LoginAsync(page, "guangrong");
            await page.ClickAsync("#nav-intake");
            await page.SelectOptionAsync("#upload-source", "manual");
            await page.SetInputFilesAsync("#upload-file", file);
            await page.ClickAsync("#upload-submit");
            await page.WaitForSelectorAsync("#mapping-form");
            Assert.Contains("身份证号", await page.InnerTextAsync("#preview-table"));
            Assert.Equal("身份证号", await page.EvalOnSelectorAsync<string>("#map-IdNumber", "s => s.options[s.selectedIndex].text"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "intake-preview.png"), FullPage = true });

            await page.ClickAsync("#import-submit");
            await page.WaitForSelectorAsync("#batch-counts", new PageWaitForSelectorOptions { Timeout = 30_000 });
            Assert.Equal("1", await page.InnerTextAsync("#batch-created"));
            Assert.Equal("2", await page.InnerTextAsync("#batch-rejected"));
            var report = await page.InnerTextAsync("#rejections");
            Assert.Contains("校验位", report);
            Assert.Contains("必填", report);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "intake-report.png"), FullPage = true });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_worker_settles_a_possible_duplicate_with_a_reason()
    {
        // A fever-clinic visit without identity number that looks like a registered resident.
        var resident = await WithDbAsync(db => db.Set<People.Domain.Person>()
            .Where(p => p.CommunityCode == "420116001001" && p.Phone != null && p.BirthDate != null).OrderBy(p => p.Name).FirstAsync());
        var (key, prefix, hash) = Kernel.Accounts.ApiKeys.Create();
        await WithDbAsync(async db =>
        {
            var source = await db.Set<People.Domain.SourceSystem>().SingleAsync(s => s.Code == "hospital-fever");
            var client = await db.ApiClients.SingleAsync(c => c.Id == source.ApiClientId);
            client.KeyPrefix = prefix;
            client.KeyHash = hash;
            return await db.SaveChangesAsync();
        });
        using var api = host.Factory.CreateClient();
        api.DefaultRequestHeaders.Add(Kernel.Accounts.ApiKeys.HeaderName, key);
        var sent = await api.PostAsJsonAsync("/api/intake/hospital-fever/records", new
        {
            records = new[]
            {
                new
                {
                    sourceRecordId = "FV-" + Guid.NewGuid().ToString("N")[..8], name = resident.Name, phone = resident.Phone,
                    birthDate = resident.BirthDate!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    eventDate = DateTime.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    communityCode = "420116001001",
                },
            },
        });
        sent.EnsureSuccessStatusCode();

        var page = await host.NewPageAsync();
        await BrowserHost.LoginAsync(page, "guangrong");
        await page.ClickAsync("#nav-duplicates");
        var row = page.Locator("#duplicates tbody tr", new PageLocatorOptions { HasText = resident.Name }).First;
        await row.Locator("input[name='Input.Reason']").FillAsync("生日和电话一致，系同一人");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "duplicates-queue.png"), FullPage = true });
        await row.Locator("button.merge").ClickAsync();
        await page.WaitForSelectorAsync("#decision-result");
        Assert.Contains("已处理", await page.InnerTextAsync("#decision-result"));

        await page.GotoAsync($"/people/{resident.Id}");
        Assert.Contains("发热患者", await page.InnerTextAsync("#person-flags"));
    }

    private async Task<T> WithDbAsync<T>(Func<YiwangDbContext, Task<T>> work)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<YiwangDbContext>());
    }
}
