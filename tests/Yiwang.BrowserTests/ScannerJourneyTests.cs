using System.Formats.Cbor;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Text;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SimpleBase;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Features;
using Yiwang.IntegrationTests.Infrastructure;
using Yiwang.Kernel.Data;
using Yiwang.People.Domain;
using R = Yiwang.HealthCodes.Features.HealthCodeFormat.Reasons;

namespace Yiwang.BrowserTests;

/// <summary>
/// The venue scanner page (/scan) in a real Chromium: a citizen's code read through a camera (a video file as the
/// camera), offline verification from the cached trust list with the queue uploading when the network returns,
/// refusals with their reasons, and the browser's verifier answering as the server's for every kind of bad code.
/// </summary>
public sealed class ScannerJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string UploadRoute = "**/api/health-codes/venues/*/scans";

    private SigningKeyService Keys => host.Factory.Services.GetRequiredService<SigningKeyService>();

    [Fact]
    public async Task A_venue_phone_reads_a_citizens_code_through_its_camera_and_shows_the_colour()
    {
        var venue = await VenueAsync("前川街百秀超市");
        var code = await Keys.IssueAsync(CodeColour.Yellow, await SeededPersonAsync(), "close-contact-released", default);
        var video = FakeCamera.WriteQrVideo(code, Path.Combine(Path.GetTempPath(), $"yiwang-qr-{Guid.NewGuid():N}.y4m"));
        var browser = await host.LaunchAsync(
            "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--use-file-for-fake-video-capture=" + video);
        try
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = host.BaseUrl,
                Locale = "zh-CN",
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
                Permissions = ["camera"],
            });
            var page = await context.NewPageAsync();
            var uploads = await UploadEndpoint.AttachAsync(page, venue);
            await page.GotoAsync($"/scan?venue={venue.Code}#key={venue.Key}");
            await page.WaitForSelectorAsync("#scanner[data-camera='on']");

            // The code in front of the camera: the whole screen turns yellow.
            await page.WaitForSelectorAsync("#scan-result[data-colour='yellow']:not([hidden])", new() { Timeout = 20_000 });
            Assert.Equal("黄码", await page.InnerTextAsync("#result-word"));
            Assert.Equal("Yellow code", await page.InnerTextAsync("#result-word-en"));
            Assert.Equal("rgb(246, 194, 26)", await page.EvalOnSelectorAsync<string>("#scan-result", "e => getComputedStyle(e).backgroundColor"));
            var box = await page.Locator("#scan-result").BoundingBoxAsync();
            Assert.True(box is { Width: 390, Height: 844 }, "the answer fills the screen");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "scanner-phone-yellow.png") });

            // Uploaded once; the answer goes after about three seconds, and the same code, still in front of the
            // camera, is still one scan.
            await page.WaitForFunctionAsync("() => document.getElementById('last-upload').dataset.state === 'ok'");
            await page.WaitForSelectorAsync("#scan-result", new() { State = WaitForSelectorState.Hidden, Timeout = 6_000 });
            await page.WaitForTimeoutAsync(6_000);
            Assert.Equal("0", await page.InnerTextAsync("#queue-count"));
            var scan = Assert.Single(uploads.Scans());
            Assert.Equal(code, scan.GetProperty("qr").GetString());
            var stored = Assert.Single(await StoredScansAsync(venue));
            Assert.Equal(CodeColour.Yellow, stored.Colour);
            Assert.Equal(ClaimsOf(code).Subject, stored.Subject);
            Assert.Equal(ScanMode.Batch, stored.Mode);
            Assert.True(await page.Locator("#scan-result").IsHiddenAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "scanner-phone-camera.png") });
        }
        finally
        {
            await browser.CloseAsync();
            File.Delete(video);
        }
    }

    [Fact]
    public async Task Offline_codes_verify_from_the_cached_trust_list_and_their_scans_upload_when_the_network_returns()
    {
        var venue = await VenueAsync("横店街农贸市场");
        var first = await Keys.IssueAsync(CodeColour.Green, await SeededPersonAsync(), null, default);
        var second = await Keys.IssueAsync(CodeColour.Red, await SeededPersonAsync(1), "confirmed", default);
        var page = await host.NewPageAsync(width: 1280, height: 800);
        var uploads = await UploadEndpoint.AttachAsync(page, venue);

        // Pairing by the link registration gave: the key goes to localStorage and leaves the address bar at once.
        Assert.Equal($"{host.BaseUrl}/scan?venue={venue.Code}#key={venue.Key}", venue.PairingUrl);
        await page.GotoAsync(venue.PairingUrl);
        await ReadyAsync(page);
        Assert.EndsWith($"/scan?venue={venue.Code}", page.Url, StringComparison.Ordinal);
        Assert.Equal(venue.Name, await page.InnerTextAsync("#venue-name"));
        Assert.Equal(venue.Code, await page.InnerTextAsync("#venue-code"));
        Assert.Contains(venue.Key, await page.EvaluateAsync<string>("() => localStorage.getItem('yiwang.scanner.pairing')"), StringComparison.Ordinal);
        var activeKid = (await Keys.PublishedAsync(default))[0].Kid;
        Assert.Contains(activeKid, await page.EvaluateAsync<string>("() => localStorage.getItem('yiwang.scanner.trust-list')"), StringComparison.Ordinal);
        await PollAsync(page, """
            async () => {
                const cache = await caches.open('yiwang-scanner-v1');
                const urls = (await cache.keys()).map(r => r.url);
                return urls.some(u => u.includes('/scan?venue=')) && urls.some(u => u.endsWith('/scanner/healthcode.js')) && urls.some(u => u.endsWith('/cborg/lib/decode.js'));
            }
            """);

        // The network goes: the code still verifies, from the cached keys, and the scan waits in the queue.
        await page.Context.SetOfflineAsync(true);
        await page.WaitForSelectorAsync("#net-status[data-online='false']");
        await ScanByKeyboardAsync(page, first);
        await page.WaitForSelectorAsync("#scan-result[data-colour='green']:not([hidden])");
        Assert.Equal("绿码", await page.InnerTextAsync("#result-word"));
        await WaitForTextAsync(page, "#queue-count", "1");

        // Still offline, the page is opened again (a reload, a restarted browser): it comes from the service worker's
        // copy, knows its venue and its keys, keeps its queue and goes on scanning.
        var reloaded = await page.ReloadAsync();
        Assert.Equal("1", reloaded?.Headers.GetValueOrDefault("x-yiwang-offline"));
        await ReadyAsync(page);
        await WaitForTextAsync(page, "#queue-count", "1");
        Assert.Equal(venue.Name, await page.InnerTextAsync("#venue-name"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "scanner-pc-offline.png") });
        await ScanByKeyboardAsync(page, second);
        await page.WaitForSelectorAsync("#scan-result[data-colour='red']:not([hidden])");
        Assert.Equal("红码", await page.InnerTextAsync("#result-word"));
        await WaitForTextAsync(page, "#queue-count", "2");
        Assert.Empty(uploads.Requests);

        // Back online, the server fails: the scans stay queued and the upload is retried with backoff.
        uploads.FailWith = 503;
        await page.Context.SetOfflineAsync(false);
        await page.WaitForFunctionAsync("() => document.getElementById('last-upload').dataset.state === 'failed'");
        Assert.Equal("2", await page.InnerTextAsync("#queue-count"));

        // The server answers again: the retry uploads one batch and the queue empties.
        uploads.FailWith = 0;
        await page.WaitForFunctionAsync("() => document.getElementById('last-upload').dataset.state === 'ok'", null, new() { Timeout = 30_000 });
        await WaitForTextAsync(page, "#queue-count", "0");
        var last = uploads.Requests[^1];
        Assert.Equal($"{host.BaseUrl}/api/health-codes/venues/{venue.Code}/scans", last.Url);
        Assert.Equal(venue.Key, last.Key);
        var scans = last.Body.GetProperty("scans").EnumerateArray().ToList();
        Assert.Equal([first, second], scans.Select(s => s.GetProperty("qr").GetString()));
        foreach (var scan in scans)
        {
            Assert.True(Guid.TryParse(scan.GetProperty("id").GetString(), out _));
            var scannedAt = DateTimeOffset.Parse(scan.GetProperty("scannedAt").GetString()!, CultureInfo.InvariantCulture);
            Assert.InRange(scannedAt, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddSeconds(5));
        }

        // Every attempt carried the same scan ids, so a batch the server stored but whose answer was lost comes back
        // as duplicates, never as second visits.
        Assert.True(uploads.Requests.Count >= 2);
        Assert.All(uploads.Requests, r => Assert.Equal(
            scans.Select(s => s.GetProperty("id").GetString()),
            r.Body.GetProperty("scans").EnumerateArray().Select(s => s.GetProperty("id").GetString())));
        Assert.Contains("新增 2", await page.InnerTextAsync("#last-upload"), StringComparison.Ordinal);
        var stored = (await StoredScansAsync(venue)).OrderBy(x => x.ScannedAt).ToList();
        Assert.Equal([CodeColour.Green, CodeColour.Red], stored.Select(x => x.Colour));
        Assert.Equal([ClaimsOf(first).Subject, ClaimsOf(second).Subject], stored.Select(x => x.Subject));
        Assert.Equal(scans.Select(x => Guid.Parse(x.GetProperty("id").GetString()!)), stored.Select(x => x.Id));

        // Unpairing forgets the key.
        await page.ClickAsync("#unpair");
        await page.WaitForSelectorAsync("#pair-panel:not([hidden])");
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('yiwang.scanner.pairing')"));
    }

    [Fact]
    public async Task Expired_tampered_unknown_key_and_foreign_codes_show_their_reason_and_queue_nothing()
    {
        var venue = await VenueAsync("滠口街汉口北商场");
        var person = await SeededPersonAsync();
        var now = DateTimeOffset.UtcNow;
        var red = await Keys.IssueAsync(CodeColour.Red, person, "confirmed", default);
        var expired = await SignWithActiveAsync(Claims(now.AddMinutes(-10), TimeSpan.FromMinutes(5)));
        var tampered = SwapPayload(red, HealthCodeFormat.EncodeClaims(ClaimsOf(red) with { Colour = CodeColour.Green }));
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var unknownKey = HealthCodeFormat.Encode(Claims(now, TimeSpan.FromMinutes(5)), stranger, RandomNumberGenerator.GetBytes(8));
        var foreign = "HC1:" + red[4..];

        // Pairing by typing the venue code and key.
        var page = await host.NewPageAsync(locale: "en", width: 390, height: 844);
        var uploads = await UploadEndpoint.AttachAsync(page, venue);
        await page.GotoAsync("/culture/en?returnUrl=/scan");
        await page.WaitForSelectorAsync("#pair-panel:not([hidden])");
        await page.FillAsync("#pair-venue", venue.Code.ToLowerInvariant());
        await page.FillAsync("#pair-key", venue.Key);
        await page.ClickAsync("#pair-submit");
        await page.WaitForURLAsync($"**/scan?venue={venue.Code}");
        await ReadyAsync(page);
        Assert.Equal(venue.Name, await page.InnerTextAsync("#venue-name"));
        Assert.Equal("Online", await page.InnerTextAsync("#net-status"));

        foreach (var (qr, reason) in new[] { (expired, R.Expired), (tampered, R.BadSignature), (unknownKey, R.UnknownKid), (foreign, R.WrongPrefix) })
        {
            // The server says the same of each.
            Assert.Equal(reason, (await Keys.VerifyAsync(qr, default)).Reason);
            await ScanByKeyboardAsync(page, qr);
            await page.WaitForSelectorAsync($"#scan-result[data-reason='{reason}']:not([hidden])");
            var (zh, en) = HealthCodesApi.Describe(reason);
            Assert.Equal("无效", await page.InnerTextAsync("#result-word"));
            Assert.Equal(zh, await page.InnerTextAsync("#result-reason"));
            Assert.Equal(en, await page.InnerTextAsync("#result-reason-en"));
            Assert.Equal("rgb(55, 71, 79)", await page.EvalOnSelectorAsync<string>("#scan-result", "e => getComputedStyle(e).backgroundColor"));
            if (reason == R.BadSignature)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ScreenshotDir, "scanner-phone-tampered.png") });
            }

            await page.ClickAsync("#scan-result");
            await page.WaitForSelectorAsync("#scan-result", new() { State = WaitForSelectorState.Hidden });
        }

        Assert.Equal("0", await page.InnerTextAsync("#queue-count"));
        Assert.Equal(0, await page.EvaluateAsync<int>("""
            () => new Promise(resolve => {
                const open = indexedDB.open('yiwang-scanner');
                open.onsuccess = () => { const r = open.result.transaction('scans').objectStore('scans').count(); r.onsuccess = () => resolve(r.result); };
            })
            """));
        Assert.Empty(uploads.Requests);
        Assert.Empty(await StoredScansAsync(venue));
    }

    [Fact]
    public async Task A_refused_venue_key_keeps_the_scans_until_the_device_is_paired_again()
    {
        var venue = await VenueAsync("祁家湾街便民超市");
        var code = await Keys.IssueAsync(CodeColour.Green, await SeededPersonAsync(2), null, default);
        var page = await host.NewPageAsync(width: 390, height: 844);
        var uploads = await UploadEndpoint.AttachAsync(page, venue);
        await page.GotoAsync($"/scan?venue={venue.Code}#key=vk_not-the-venue-key");
        await ReadyAsync(page);
        await ScanByKeyboardAsync(page, code);
        await page.WaitForSelectorAsync("#scan-result[data-colour='green']:not([hidden])");

        // The server refuses the key: the page says so, stops uploading and keeps the scan.
        await page.WaitForFunctionAsync("() => document.getElementById('last-upload').dataset.state === 'refused'");
        Assert.Contains("重新绑定", await page.InnerTextAsync("#last-upload"), StringComparison.Ordinal);
        Assert.Equal("1", await page.InnerTextAsync("#queue-count"));
        Assert.Single(uploads.Requests);

        // The right pairing link opened on the same page (only the fragment changes): the kept scan goes up.
        await page.GotoAsync($"/scan?venue={venue.Code}#key={venue.Key}");
        await page.WaitForFunctionAsync("() => document.getElementById('last-upload').dataset.state === 'ok'");
        await WaitForTextAsync(page, "#queue-count", "0");
        Assert.Equal(venue.Key, uploads.Requests[^1].Key);
        Assert.Equal(code, Assert.Single(uploads.Requests[^1].Body.GetProperty("scans").EnumerateArray()).GetProperty("qr").GetString());
        Assert.EndsWith($"/scan?venue={venue.Code}", page.Url, StringComparison.Ordinal);
        Assert.Equal(CodeColour.Green, Assert.Single(await StoredScansAsync(venue)).Colour);
    }

    [Fact]
    public async Task The_browser_verifier_answers_as_the_server_for_every_kind_of_code()
    {
        var cases = ParityCases();
        var page = await host.NewPageAsync();
        await page.GotoAsync("/scan");
        await page.WaitForSelectorAsync("#scanner[data-ready='true']");
        var answers = await page.EvaluateAsync<string[]>("""
            async json => {
                const { verify } = await import('/_content/Yiwang.HealthCodes/scanner/healthcode.js');
                const answers = [];
                for (const c of JSON.parse(json)) {
                    const keys = new Map(c.keys.map(k => [k.kid, k]));
                    const r = await verify(c.qr, kid => keys.get(kid) ?? null, c.at);
                    answers.push(r.valid ? 'valid:' + r.claims.colour + ':' + r.claims.subject : r.reason);
                }
                return answers;
            }
            """, JsonSerializer.Serialize(cases.Select(c => new { qr = c.Qr, at = c.At.ToUnixTimeMilliseconds(), keys = c.Keys.Select(k => new { kid = k.Kid, x = k.X, y = k.Y, retired = k.Retired?.ToUnixTimeSeconds() }) })));
        Assert.Equal(cases.Count, answers.Length);
        var mismatches = cases.Zip(answers).Where(p => p.First.Expected != p.Second).Select(p => $"{p.First.Name}: server {p.First.Expected}, browser {p.Second}").ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.Contains(answers, a => a.StartsWith("valid:red:", StringComparison.Ordinal));
        Assert.True(cases.Select(c => c.Expected).Where(e => !e.StartsWith("valid", StringComparison.Ordinal)).Distinct().Count() >= 15, "every refusal code is exercised");
    }

    // ---- The parity corpus: each case's expected answer is the server's HealthCodeFormat.Verify ----

    private sealed record ParityKey(string Kid, string X, string Y, DateTimeOffset? Retired);

    private sealed record ParityCase(string Name, string Qr, DateTimeOffset At, IReadOnlyList<ParityKey> Keys, string Expected);

    private sealed class TestIssuer : IDisposable
    {
        public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        public byte[] KidBytes { get; init; } = RandomNumberGenerator.GetBytes(8);

        public ParityKey Public(DateTimeOffset? retired = null)
        {
            var p = Key.ExportParameters(false);
            return new ParityKey(HealthCodeFormat.KidText(KidBytes), HealthCodeFormat.Base64Url(p.Q.X), HealthCodeFormat.Base64Url(p.Q.Y), retired);
        }

        public string Sign(HealthCodeClaims claims) => HealthCodeFormat.Encode(claims, Key, KidBytes);

        public string SignRaw(byte[] payload, bool kid = true)
        {
            var headers = new CoseHeaderMap();
            if (kid)
            {
                headers[CoseHeaderLabel.KeyIdentifier] = CoseHeaderValue.FromBytes(KidBytes);
            }

            return HealthCodeFormat.Wrap(CoseSign1Message.SignEmbedded(payload, new CoseSigner(Key, HashAlgorithmName.SHA256, headers)));
        }

        public void Dispose() => Key.Dispose();
    }

    private static List<ParityCase> ParityCases()
    {
        var list = new List<ParityCase>();
        void Add(string name, string qr, DateTimeOffset at, params ParityKey[] keys)
        {
            var r = HealthCodeFormat.Verify(qr, kid => keys.FirstOrDefault(k => k.Kid == kid) is { } k
                ? new TrustedKey(k.Kid, new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = HealthCodeFormat.FromBase64Url(k.X), Y = HealthCodeFormat.FromBase64Url(k.Y) },
                }, k.Retired)
                : null, at);
            list.Add(new ParityCase(name, qr, at, keys, r.Claims is { } c ? $"valid:{HealthCodeFormat.ColourName(c.Colour)}:{c.Subject}" : r.Reason!));
        }

        // The documented test vectors (docs/health-code-format.md).
        var vectorKey = new ParityKey("WVcxLXRlc3Q", "CGZyLKJzoijyyzuIOETZKFIJQ5PVQBZiq5DlsZ5nAu8", "l6yI6lmKVtwBYfdZQdXKxXFTVriCstbSYLT1TRTbwhk", null);
        const string vector = "YW1:NCFX90S10FFWTWGSLKC 4Q6911BQX56$CLXEZ7B0XK$DDX*9.Q6746/96FN0+NDKJPWY0+NDZCP9KCR5F1ECXPC  CGECD$D*VDLQE9X5-3E3WEZPCHECS8FI+9/B9ZDC:NAC2C4VE1.DLPE9C8TX8$8EZ7BS+9MUC 7A%59O DJEF+M9G$D:VDBC9C48*GU813Y+LWSHV/N6N59CH+ZI0GA$XC4:P26H-79I.C2W0VQJ+P9D1QV%5S40KLPJF8PU0DRO5.FSIGE0PI.L QH .023AN-A35TA0";
        const string vectorTampered = "YW1:NCFZ90Q10FFWTWGSLKC 4Q6911BQX56$CLXE$7B0XK$DDX*9.Q6746/96FN0+NDKJPWY0+NDZCP9KCR5F1EC* CZKE1$CGECD$D*VDLQE9X5-3E3WEZPCHECS8FI+9/B9ZDC:NAC2C4VE1.DLPE9C8TX8$8EZ7BS+9MUC 7A%59O DJEF+M9G$D:VDBC9C48*GU813Y+LWSHV/N6N59CH+ZI0GA$XC4:P26H-79I.C2W0VQJ+P9D1QV%5S40KLPJF8PU0DRO5.FSIGE0PI.L QH .023AY:A7KE35";
        var vectorIat = DateTimeOffset.FromUnixTimeSeconds(1795737600);
        Add("vector", vector, vectorIat.AddMinutes(1), vectorKey);
        Add("vector, last second", vector, vectorIat.AddMinutes(5).AddMilliseconds(-1), vectorKey);
        Add("vector, at exp", vector, vectorIat.AddMinutes(5), vectorKey);
        Add("vector, iat within skew", vector, vectorIat.AddSeconds(-59), vectorKey);
        Add("vector, iat beyond skew", vector, vectorIat.AddMinutes(-2), vectorKey);
        Add("vector tampered", vectorTampered, vectorIat.AddMinutes(1), vectorKey);
        Add("vector, no keys", vector, vectorIat.AddMinutes(1));
        Add("vector, key retired before", vector, vectorIat.AddMinutes(1), vectorKey with { Retired = vectorIat.AddMinutes(-2) });
        Add("vector, key retired within skew", vector, vectorIat.AddMinutes(1), vectorKey with { Retired = vectorIat.AddSeconds(-60) });
        Add("vector, key retired after", vector, vectorIat.AddMinutes(1), vectorKey with { Retired = vectorIat.AddSeconds(30) });

        // Wrong prefix, size, Base45, zlib.
        Add("HC1 prefix", "HC1:" + vector[4..], vectorIat, vectorKey);
        Add("lower-case prefix", "yw1:" + vector[4..], vectorIat, vectorKey);
        Add("empty", "", vectorIat, vectorKey);
        Add("too long", vector + new string('0', HealthCodeFormat.MaxQrLength), vectorIat, vectorKey);
        Add("not base45: lower case", "YW1:hello world", vectorIat, vectorKey);
        Add("not base45: colons", "YW1:::::", vectorIat, vectorKey);
        Add("not base45: one char", "YW1:A", vectorIat, vectorKey);
        Add("not base45: group over 65535", "YW1:GGW", vectorIat, vectorKey);
        Add("not base45: pair over 255", "YW1:::", vectorIat, vectorKey);
        Add("not zlib", HealthCodeFormat.Prefix + Base45.Default.Encode(Encoding.ASCII.GetBytes("not zlib at all")), vectorIat, vectorKey);
        Add("nothing after the prefix", "YW1:", vectorIat, vectorKey);
        Add("zlib bomb", Zlib(new byte[1024 * 1024]), vectorIat, vectorKey);
        Add("one byte over the cap", Zlib(new byte[HealthCodeFormat.MaxInflatedBytes + 1]), vectorIat, vectorKey);
        Add("exactly the cap", Zlib(new byte[HealthCodeFormat.MaxInflatedBytes]), vectorIat, vectorKey);
        Add("text in zlib", Zlib(Encoding.ASCII.GetBytes("plain text inside zlib")), vectorIat, vectorKey);
        var array = new CborWriter();
        array.WriteStartArray(2);
        array.WriteInt32(1);
        array.WriteInt32(2);
        array.WriteEndArray();
        Add("a CBOR array of two", Zlib(array.Encode()), vectorIat, vectorKey);

        // COSE and keys.
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        using var issuer = new TestIssuer();
        using var stranger = new TestIssuer();
        using var forger = new TestIssuer { KidBytes = issuer.KidBytes };
        var trusted = issuer.Public();
        var green = Claims(now, TimeSpan.FromMinutes(5));
        var claimsBytes = HealthCodeFormat.EncodeClaims(green);
        Add("valid", issuer.Sign(green), now, trusted);
        Add("untagged COSE", HealthCodeFormat.Wrap(Untagged(CoseOf(issuer.Sign(green)))), now, trusted);
        var kidHeader = new CoseHeaderMap { [CoseHeaderLabel.KeyIdentifier] = CoseHeaderValue.FromBytes(issuer.KidBytes) };
        using (var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384))
        {
            Add("ES384", HealthCodeFormat.Wrap(CoseSign1Message.SignEmbedded(claimsBytes, new CoseSigner(p384, HashAlgorithmName.SHA384, kidHeader))), now, trusted);
        }

        Add("detached payload", HealthCodeFormat.Wrap(CoseSign1Message.SignDetached(claimsBytes, new CoseSigner(issuer.Key, HashAlgorithmName.SHA256, kidHeader))), now, trusted);
        Add("no kid", issuer.SignRaw(claimsBytes, kid: false), now, trusted);
        Add("unknown kid", stranger.Sign(green), now, trusted);
        Add("another key under a trusted kid", forger.Sign(green), now, trusted);
        var flipped = CoseOf(issuer.Sign(green));
        flipped[^1] ^= 0x01;
        Add("signature byte flipped", HealthCodeFormat.Wrap(flipped), now, trusted);
        var redCode = issuer.Sign(green with { Colour = CodeColour.Red });
        Add("red turned green", SwapPayload(redCode, claimsBytes), now, trusted);
        Add("expiry pushed out", SwapPayload(redCode, HealthCodeFormat.EncodeClaims(green with { Colour = CodeColour.Red, ExpiresAt = green.ExpiresAt.AddDays(1) })), now, trusted);
        Add("expired by days", issuer.Sign(green), now.AddDays(3), trusted);

        // Claims.
        var iat = now.ToUnixTimeSeconds();
        byte[] Cbor(Action<CborWriter> write, CborConformanceMode mode = CborConformanceMode.Strict)
        {
            var w = new CborWriter(mode);
            write(w);
            return w.Encode();
        }

        void Yw(CborWriter w, string? colour, string? subject)
        {
            w.WriteTextString("yw");
            w.WriteStartMap((colour is null ? 0 : 1) + (subject is null ? 0 : 1));
            if (colour is not null)
            {
                w.WriteTextString("c");
                w.WriteTextString(colour);
            }

            if (subject is not null)
            {
                w.WriteTextString("s");
                w.WriteTextString(subject);
            }

            w.WriteEndMap();
        }

        Add("no subject", issuer.SignRaw(Cbor(w =>
        {
            w.WriteStartMap(4);
            w.WriteInt32(1); w.WriteTextString("CN-420116");
            w.WriteInt32(4); w.WriteInt64(iat + 300);
            w.WriteInt32(6); w.WriteInt64(iat);
            Yw(w, "green", null);
            w.WriteEndMap();
        })), now, trusted);
        Add("no expiry", issuer.SignRaw(Cbor(w =>
        {
            w.WriteStartMap(3);
            w.WriteInt32(1); w.WriteTextString("CN-420116");
            w.WriteInt32(6); w.WriteInt64(iat);
            Yw(w, "green", "abc");
            w.WriteEndMap();
        })), now, trusted);
        Add("negative iat", issuer.SignRaw(Cbor(w =>
        {
            w.WriteStartMap(4);
            w.WriteInt32(1); w.WriteTextString("CN-420116");
            w.WriteInt32(4); w.WriteInt64(iat + 300);
            w.WriteInt32(6); w.WriteInt64(-5);
            Yw(w, "green", "abc");
            w.WriteEndMap();
        })), now, trusted);
        Add("purple", issuer.SignRaw(Cbor(w =>
        {
            w.WriteStartMap(4);
            w.WriteInt32(1); w.WriteTextString("CN-420116");
            w.WriteInt32(4); w.WriteInt64(iat + 300);
            w.WriteInt32(6); w.WriteInt64(iat);
            Yw(w, "purple", "abc");
            w.WriteEndMap();
        })), now, trusted);
        Add("expiry past year 9999", issuer.SignRaw(Cbor(w =>
        {
            w.WriteStartMap(4);
            w.WriteInt32(1); w.WriteTextString("CN-420116");
            w.WriteInt32(4); w.WriteInt64(253402300800);
            w.WriteInt32(6); w.WriteInt64(iat);
            Yw(w, "green", "abc");
            w.WriteEndMap();
        })), now, trusted);
        Add("duplicate key", issuer.SignRaw(Cbor(w =>
        {
            w.WriteStartMap(5);
            w.WriteInt32(1); w.WriteTextString("CN-420116");
            w.WriteInt32(4); w.WriteInt64(iat + 300);
            w.WriteInt32(6); w.WriteInt64(iat);
            w.WriteInt32(4); w.WriteInt64(iat + 99_999);
            Yw(w, "green", "abc");
            w.WriteEndMap();
        }, CborConformanceMode.Lax)), now, trusted);
        Add("unknown claims are ignored", issuer.SignRaw(Cbor(w =>
        {
            w.WriteStartMap(6);
            w.WriteInt32(1); w.WriteTextString("CN-420116");
            w.WriteInt32(4); w.WriteInt64(iat + 300);
            w.WriteInt32(6); w.WriteInt64(iat);
            w.WriteInt32(99); w.WriteStartArray(1); w.WriteTextString("future"); w.WriteEndArray();
            w.WriteTextString("zz"); w.WriteBoolean(true);
            Yw(w, "red", "abc");
            w.WriteEndMap();
        })), now, trusted);
        Add("claims not a map", issuer.SignRaw(Cbor(w => w.WriteTextString("green"))), now, trusted);
        Add("trailing bytes after the claims", issuer.SignRaw([.. claimsBytes, 0x00]), now, trusted);
        return list;
    }

    // ---- Helpers ----

    private static HealthCodeClaims Claims(DateTimeOffset iat, TimeSpan life, CodeColour colour = CodeColour.Green)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(iat.ToUnixTimeSeconds());
        return new("CN-420116", at, at + life, colour, HealthCodeFormat.SubjectToken(new byte[32], Guid.NewGuid()));
    }

    private static string Zlib(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var z = new ZLibStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            z.Write(data);
        }

        return HealthCodeFormat.Prefix + Base45.Default.Encode(buffer.ToArray());
    }

    private static byte[] CoseOf(string qr) =>
        HealthCodeFormat.Inflate(Base45.Default.Decode(qr.AsSpan(HealthCodeFormat.Prefix.Length)), out _)!;

    private static HealthCodeClaims ClaimsOf(string qr) =>
        HealthCodeFormat.DecodeClaims(CoseMessage.DecodeSign1(CoseOf(qr)).Content!.Value).Claims!;

    /// <summary>The COSE_Sign1 array without its tag 18.</summary>
    private static byte[] Untagged(byte[] cose)
    {
        var r = new CborReader(cose);
        Assert.Equal((CborTag)18, r.ReadTag());
        return cose[(cose.Length - r.BytesRemaining)..];
    }

    /// <summary>The original protected header and signature around another payload.</summary>
    private static string SwapPayload(string qr, byte[] payload)
    {
        var original = CoseMessage.DecodeSign1(CoseOf(qr));
        var w = new CborWriter();
        w.WriteTag((CborTag)18);
        w.WriteStartArray(4);
        w.WriteByteString(original.RawProtectedHeaders.Span);
        w.WriteStartMap(0);
        w.WriteEndMap();
        w.WriteByteString(payload);
        w.WriteByteString(original.Signature.Span);
        w.WriteEndArray();
        return HealthCodeFormat.Wrap(w.Encode());
    }

    /// <summary>Signs claims of the test's choosing with the host's active key (an issuer with another clock).</summary>
    private async Task<string> SignWithActiveAsync(HealthCodeClaims claims)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        var active = await db.Set<SigningKey>().AsNoTracking().SingleAsync(k => k.RetiredAt == null);
        var protector = host.Factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(SigningKeyService.Purpose);
        using var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(protector.Unprotect(active.ProtectedPrivateKey)), out _);
        return HealthCodeFormat.Encode(claims, key, HealthCodeFormat.FromBase64Url(active.Kid));
    }

    private async Task<Guid> SeededPersonAsync(int skip = 0)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        return await db.Set<Person>().AsNoTracking().Where(p => p.MergedIntoId == null).OrderBy(p => p.Id).Select(p => p.Id).Skip(skip).FirstAsync();
    }

    private sealed record TestVenue(Guid Id, string Code, string Key, string Name, string PairingUrl);

    /// <summary>A township officer (前川街道) registers the venue through the API: its code, its key shown once, its pairing link.</summary>
    private async Task<TestVenue> VenueAsync(string name)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(host.BaseUrl) };
        (await http.PostAsJsonAsync("/api/auth/login", new { userName = "qianchuan", password = YiwangFactory.Password })).EnsureSuccessStatusCode();
        var response = await http.PostAsJsonAsync("/api/health-codes/venues", new { name, address = "黄陂区前川街道百秀街 1 号", kind = "supermarket", communityCode = "420116001001" });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return new TestVenue(answer.GetProperty("id").GetGuid(), answer.GetProperty("code").GetString()!, answer.GetProperty("key").GetString()!, name,
            answer.GetProperty("pairingUrl").GetString()!);
    }

    private async Task<List<Scan>> StoredScansAsync(TestVenue venue)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        return await db.Set<Scan>().AsNoTracking().Where(x => x.VenueId == venue.Id).ToListAsync();
    }

    private static async Task ReadyAsync(IPage page)
    {
        await page.WaitForSelectorAsync("#scanner[data-ready='true']");
        await page.WaitForSelectorAsync("#trust-status[data-loaded='true']");
    }

    /// <summary>A handheld scanner types the text and Enter into the focused field.</summary>
    private static async Task ScanByKeyboardAsync(IPage page, string qr)
    {
        await page.FillAsync("#manual-input", qr);
        await page.PressAsync("#manual-input", "Enter");
    }

    /// <summary>Polls an async page function until it answers true.</summary>
    private static async Task PollAsync(IPage page, string predicate, int timeoutMs = 15_000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await page.EvaluateAsync<bool>(predicate))
        {
            Assert.True(DateTime.UtcNow < until, "timed out waiting for: " + predicate);
            await Task.Delay(200);
        }
    }

    private static Task WaitForTextAsync(IPage page, string selector, string text) =>
        page.WaitForFunctionAsync("([s, t]) => document.querySelector(s)?.textContent === t", new[] { selector, text });

    /// <summary>
    /// Watches the page's uploads to the venue endpoint (POST /api/health-codes/venues/{code}/scans with X-Venue-Key):
    /// records each request and passes it to the server, or answers it with a failure when told to.
    /// </summary>
    private sealed class UploadEndpoint
    {
        private readonly Lock _lock = new();
        private readonly List<(string Url, string? Key, JsonElement Body)> _requests = [];

        public int FailWith { get; set; }

        public List<(string Url, string? Key, JsonElement Body)> Requests
        {
            get
            {
                lock (_lock)
                {
                    return [.. _requests];
                }
            }
        }

        public IEnumerable<JsonElement> Scans() => Requests.SelectMany(r => r.Body.GetProperty("scans").EnumerateArray());

        public static async Task<UploadEndpoint> AttachAsync(IPage page, TestVenue venue)
        {
            var endpoint = new UploadEndpoint();
            await page.RouteAsync(UploadRoute, async route =>
            {
                var request = route.Request;
                var body = JsonDocument.Parse(request.PostData ?? "{}").RootElement.Clone();
                request.Headers.TryGetValue("x-venue-key", out var key);
                lock (endpoint._lock)
                {
                    endpoint._requests.Add((request.Url, key, body));
                }

                if (endpoint.FailWith != 0)
                {
                    await route.FulfillAsync(new RouteFulfillOptions { Status = endpoint.FailWith, Body = "" });
                    return;
                }

                await route.ContinueAsync();
            });
            return endpoint;
        }
    }
}
