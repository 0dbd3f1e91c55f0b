using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yiwang.HealthCodes.Domain;
using Yiwang.Kernel.Data;
using Yiwang.People.Domain;

namespace Yiwang.BrowserTests;

/// <summary>A resident on a phone signs up with their real name, holds a code that refreshes itself, declares, appeals.</summary>
public sealed class CitizenJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task A_resident_signs_up_on_a_phone_sees_the_code_declares_and_reads_the_answer_to_an_appeal()
    {
        Person resident;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            resident = await db.Set<Person>().AsNoTracking()
                .Where(p => p.MergedIntoId == null && p.IdNumber != null && p.Phone != null && !db.Set<CitizenLink>().Any(l => l.PersonId == p.Id))
                .OrderByDescending(p => p.IdNumber).FirstAsync();
        }

        var page = await host.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/login");
        await page.ClickAsync("#register-link");
        await page.FillAsync("#reg-name", resident.Name);
        await page.FillAsync("#reg-id", resident.IdNumber!);
        await page.FillAsync("#reg-phone", resident.Phone!);
        await page.FillAsync("#reg-user", "resident1");
        await page.FillAsync("#reg-password", "short");
        await page.ClickAsync("#register-submit");
        // A weak password is refused on the page, the other fields kept.
        await page.WaitForSelectorAsync(".field-error[data-field='password']");
        Assert.Equal(resident.Name, await page.InputValueAsync("#reg-name"));
        await page.FillAsync("#reg-password", "resident-pass-1");
        await page.ClickAsync("#register-submit");

        // Signed in and on the code: the colour in words, the QR, a countdown that runs.
        await page.WaitForURLAsync("**/me");
        await page.WaitForSelectorAsync("#hc-qr svg");
        Assert.Equal("绿码", (await page.InnerTextAsync("#hc-word")).Trim());
        Assert.Contains("没有任何规则适用", await page.InnerTextAsync("#hc-reasons-box"));
        var first = await page.InnerTextAsync("#hc-countdown");
        await page.WaitForFunctionAsync("t => document.getElementById('hc-countdown').textContent !== t", first);
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "no horizontal scrolling on a phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "citizen-code-phone.png"), FullPage = true });

        // A second phone session on the code, whose clock the test moves (the first keeps real time).
        var phone = await host.NewPageAsync(width: 390, height: 844);
        await BrowserHost.LoginAsync(phone, "resident1", "resident-pass-1");
        await phone.Clock.InstallAsync();
        await phone.GotoAsync("/me");
        await phone.WaitForSelectorAsync("#hc-qr svg");
        Assert.Equal("绿码", (await phone.InnerTextAsync("#hc-word")).Trim());
        var qrBefore = await phone.InnerHTMLAsync("#hc-qr");

        // A declaration: fever and a cough, and a trip.
        await page.ClickAsync("#nav-declare");
        await page.WaitForSelectorAsync("#declare-form");
        await page.CheckAsync("#declare-fever");
        await page.CheckAsync("#symptom-cough");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        await page.FillAsync("#declare-region", "湖北省孝感市");
        await page.FillAsync("#declare-from", today.AddDays(-5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#declare-to", today.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#declare-submit");
        await page.WaitForSelectorAsync("#declare-saved");
        Assert.Contains("湖北省孝感市", await page.InnerTextAsync("#declarations"));
        Assert.Contains("咳嗽", await page.InnerTextAsync("#declarations"));

        // The rules make a declared fever yellow; the open code page fetches a fresh code before the old one expires,
        // and shows the new colour and why.
        await phone.Clock.FastForwardAsync("04:45");
        await phone.WaitForFunctionAsync("() => document.getElementById('hc-word').textContent.trim() === '黄码'");
        Assert.Contains("declared-symptoms", await phone.InnerTextAsync("#hc-reasons"));
        Assert.Contains("hc-yellow", await phone.GetAttributeAsync("#hc", "class"));
        Assert.NotEqual(qrBefore, await phone.InnerHTMLAsync("#hc-qr"));
        Assert.Matches("^[45]:[0-5][0-9]$", (await phone.InnerTextAsync("#hc-countdown")).Trim());
        Assert.Equal("为什么是黄码", (await phone.InnerTextAsync("#hc-why")).Trim());
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "citizen-code-yellow-phone.png"), FullPage = true });

        // An appeal against the yellow code.
        await page.ClickAsync("#nav-appeal");
        await page.WaitForSelectorAsync("#appeal-form");
        Assert.Equal("黄码", (await page.InnerTextAsync("#appeal-colour")).Trim());
        await page.FillAsync("#appeal-text", "量体温前刚跑完步，现在体温正常，请核实后恢复绿码。");
        await page.ClickAsync("#appeal-submit");
        await page.WaitForSelectorAsync("#appeal-saved");
        Assert.Contains("待答复", await page.InnerTextAsync("#my-appeals"));

        // The district's health officer answers it from the queue.
        var officer = await host.NewPageAsync();
        await BrowserHost.LoginAsync(officer, "health");
        await officer.ClickAsync("#nav-health-codes");
        await officer.ClickAsync("#nav-appeals");
        await officer.ClickAsync($"#appeals-table tr:has-text('{resident.Name}') a");
        await officer.WaitForSelectorAsync("#answer-form");
        Assert.Contains("/health-codes/persons/" + resident.Id, await officer.GetAttributeAsync("#person-colour-link", "href"));
        await officer.FillAsync("#answer-input", "黄码来自您申报的发热；答复不改变颜色，退烧后请再申报一次，规则会恢复绿码。");
        await officer.ClickAsync("#answer-submit");
        await officer.WaitForSelectorAsync("#answer-given");

        await page.ReloadAsync();
        await page.WaitForSelectorAsync(".appeal-answer");
        Assert.Contains("退烧后请再申报", await page.InnerTextAsync(".appeal-answer"));
        Assert.Contains("已答复", await page.InnerTextAsync("#my-appeals"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "citizen-appeal-answered-phone.png"), FullPage = true });

        // The history shows the change with its reason.
        await page.GotoAsync("/me/history");
        await page.WaitForSelectorAsync("#history li");
        Assert.Contains("黄码", await page.InnerTextAsync("#history"));
        Assert.Contains("declared-symptoms", await page.InnerTextAsync("#history"));

        // At a supermarket's poster (场所码): one press, and the colour big for the door staff.
        var code = "SUPER" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            var now = DateTimeOffset.UtcNow;
            db.Set<Venue>().Add(new Venue
            {
                Id = Guid.NewGuid(), Code = code, Name = "中百超市前川店", Address = "前川街百秀街 1 号", Kind = "supermarket",
                CommunityCode = resident.CommunityCode, StreetCode = resident.StreetCode, KeyHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
                KeyHint = "k", KeyIssuedAt = now, CreatedAt = now, CreatedBy = "test",
            });
            await db.SaveChangesAsync();
        }

        await page.GotoAsync("/v/" + code);
        Assert.Equal("中百超市前川店", (await page.InnerTextAsync("#venue-name")).Trim());
        await page.ClickAsync("#checkin-submit");
        await page.WaitForSelectorAsync("#checkin-result");
        Assert.Equal("黄码", (await page.InnerTextAsync("#checkin-word")).Trim());
        Assert.Contains("中百超市前川店", await page.InnerTextAsync("#checkin-venue"));
        Assert.Contains("scan=", page.Url, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "citizen-checkin-phone.png"), FullPage = true });
        // A reload shows the same check-in; it records nothing new.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#checkin-result");
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            var venueId = await db.Set<Venue>().Where(v => v.Code == code).Select(v => v.Id).SingleAsync();
            Assert.Equal(1, await db.Set<Scan>().CountAsync(s => s.VenueId == venueId));
        }
    }
}
