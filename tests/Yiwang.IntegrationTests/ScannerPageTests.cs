using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Features;
using Yiwang.IntegrationTests.Infrastructure;
using Yiwang.Kernel.Data;

namespace Yiwang.IntegrationTests;

/// <summary>
/// What the server gives the venue scanner (docs/scanner-page.md): the page without an account, the venue's name for
/// an active venue only, every refusal reason in both languages, and the service worker from the site's root.
/// The page's behaviour itself is proven in a real browser (Yiwang.BrowserTests.ScannerJourneyTests). Runs on SQLite
/// and PostgreSQL.
/// </summary>
public abstract partial class ScannerPageTests(YiwangFactory factory)
{
    protected YiwangFactory F { get; } = factory;

    private async Task<string> VenueAsync(string name, bool active)
    {
        var code = "S" + Convert.ToHexString(Guid.NewGuid().ToByteArray())[..7];
        await using var scope = F.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        db.Set<Venue>().Add(new Venue
        {
            Id = Guid.NewGuid(), Code = code, Name = name, Address = "黄陂区", Kind = "market", CommunityCode = "420116001001",
            StreetCode = "420116001", KeyHash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), KeyHint = "vk_", Active = active,
            KeyIssuedAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test",
        });
        await db.SaveChangesAsync();
        return code;
    }

    [GeneratedRegex("""<script type="application/json" id="scanner-text">(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex ScannerText();

    [Fact]
    public async Task The_scanner_page_needs_no_account_and_names_only_an_active_venue()
    {
        var anonymous = F.CreateClient();
        var open = await VenueAsync("前川街道农贸市场", active: true);
        var closed = await VenueAsync("已停业的商店", active: false);

        var page = await anonymous.GetAsync($"/scan?venue={open.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"data-venue-code=\"{open}\"", html, StringComparison.Ordinal);
        Assert.Contains("data-venue-name=\"前川街道农贸市场\"", html, StringComparison.Ordinal);
        Assert.Contains("_content/Yiwang.HealthCodes/scanner/scanner.js", html, StringComparison.Ordinal);

        var inactive = await (await anonymous.GetAsync($"/scan?venue={closed}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("已停业的商店", inactive, StringComparison.Ordinal);
        var plain = await (await anonymous.GetAsync("/scan")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"pair-form\"", plain, StringComparison.Ordinal);
        // The pairing form's fields have no names: without the script nothing, least of all the key, is submitted.
        Assert.DoesNotMatch("<input[^>]*id=\"pair-key\"[^>]*name=", plain);
    }

    [Fact]
    public async Task The_page_carries_every_refusal_reason_in_chinese_and_english_as_the_verify_endpoint_words_it()
    {
        var html = await (await F.CreateClient().GetAsync("/scan")).Content.ReadAsStringAsync();
        var text = JsonDocument.Parse(ScannerText().Match(html).Groups[1].Value).RootElement;
        var reasons = text.GetProperty("reasons");
        foreach (var field in typeof(HealthCodeFormat.Reasons).GetFields().Where(f => f.IsLiteral))
        {
            var code = (string)field.GetRawConstantValue()!;
            var (zh, en) = HealthCodesApi.Describe(code);
            Assert.Equal(zh, reasons.GetProperty(code).GetProperty("zh").GetString());
            Assert.Equal(en, reasons.GetProperty(code).GetProperty("en").GetString());
        }

        Assert.Equal("红码", text.GetProperty("colours").GetProperty("red").GetProperty("zh").GetString());
        Assert.Equal("在线", text.GetProperty("online").GetString());

        var english = F.CreateClient();
        english.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var en2 = JsonDocument.Parse(ScannerText().Match(await (await english.GetAsync("/scan")).Content.ReadAsStringAsync()).Groups[1].Value).RootElement;
        Assert.Equal("Online", en2.GetProperty("online").GetString());
        Assert.Equal("红码", en2.GetProperty("colours").GetProperty("red").GetProperty("zh").GetString());
    }

    [Fact]
    public async Task The_service_worker_is_served_from_the_root_so_it_may_control_the_scan_page()
    {
        var response = await F.CreateClient().GetAsync("/scan-sw.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache);
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("addEventListener('fetch'", script, StringComparison.Ordinal);
        Assert.Contains("/.well-known/", script, StringComparison.Ordinal);
    }
}

public sealed class ScannerPageTestsOnSqlite(SqliteHost host) : ScannerPageTests(host.Factory), IClassFixture<SqliteHost>;

public sealed class ScannerPageTestsOnPostgres(PostgresHost host) : ScannerPageTests(host.Factory), IClassFixture<PostgresHost>;
