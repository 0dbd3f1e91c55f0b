using Yiwang.Kernel.Contracts.People;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.IntegrationTests.Infrastructure;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Identity;
using Yiwang.People.Domain;

namespace Yiwang.IntegrationTests;

/// <summary>
/// Data sharing end to end: source systems send JSON batches and files; rows are validated with a report,
/// stored idempotently with history, linked to persons, flagged, queued for humans when unsure, and
/// published as events. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract partial class IntakeTests(YiwangFactory factory)
{
    private const string Guangrong = "420116001001";
    private const string Minan = "420116001002";
    private const string Wuhu001 = "420116013001";

    protected YiwangFactory F { get; } = factory;

    private async Task<T> WithDbAsync<T>(Func<YiwangDbContext, Task<T>> work)
    {
        await using var scope = F.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<YiwangDbContext>());
    }

    private static int _sequence = 101;

    /// <summary>A valid identity number that no demo resident holds (birth year 1955, high sequence numbers).</summary>
    private async Task<string> FreshIdAsync(bool male = true)
    {
        while (true)
        {
            var seq = Interlocked.Add(ref _sequence, 2) % 998 + 1;
            if (male != (seq % 2 == 1))
            {
                seq++;
            }

            var id = ResidentIdentityNumber.Create("420116", new DateOnly(1955, 3, 1).AddDays(Random.Shared.Next(0, 3000)), seq);
            if (!await WithDbAsync(db => db.Set<Person>().AnyAsync(p => p.IdNumber == id)))
            {
                return id;
            }
        }
    }

    private static string Ext() => "T" + Guid.NewGuid().ToString("N")[..12];

    private static string Day(int offset) => DateTime.Today.AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<JsonElement> SendAsync(HttpClient c, string source, params object[] records)
    {
        var response = await c.PostAsJsonAsync($"/api/intake/{source}/records", new { records }, Http.Json);
        return await Http.JsonAsync(response);
    }

    private Task<HttpClient> SourceClientAsync(string source) => WithDbAsync(async db =>
    {
        // A fresh key for the seeded source, as the administrator would issue it.
        var s = await db.Set<SourceSystem>().SingleAsync(x => x.Code == source);
        var (key, prefix, hash) = Kernel.Accounts.ApiKeys.Create();
        var client = await db.ApiClients.SingleAsync(x => x.Id == s.ApiClientId);
        client.KeyPrefix = prefix;
        client.KeyHash = hash;
        await db.SaveChangesAsync();
        var http = F.CreateClient();
        http.DefaultRequestHeaders.Add(Kernel.Accounts.ApiKeys.HeaderName, key);
        return http;
    });

    [Fact]
    public async Task Every_rejection_reason_is_reported_with_row_and_field_and_good_rows_still_land()
    {
        var huji = await SourceClientAsync("gaj-huji");
        var good = await FreshIdAsync();
        var dup = await FreshIdAsync();
        var badCheck = good[..17] + (good[17] == '0' ? '1' : '0');
        var futureBirth = ResidentIdentityNumber.Create("420116", new DateOnly(2099, 1, 1), 11);
        var ext1 = Ext();
        var report = await SendAsync(huji, "gaj-huji",
            new { sourceRecordId = ext1, idNumber = good, name = "好记录", address = "光荣社区1栋", communityCode = Guangrong },
            new { sourceRecordId = Ext(), idNumber = badCheck, name = "校验位", address = "光荣社区2栋", communityCode = Guangrong },
            new { sourceRecordId = Ext(), idNumber = futureBirth, name = "未来人", address = "光荣社区3栋", communityCode = Guangrong },
            new { sourceRecordId = Ext(), idNumber = dup, name = "未知社区", address = "某地", communityCode = "420116999999" },
            new { sourceRecordId = ext1, idNumber = dup, name = "重复行", address = "光荣社区4栋", communityCode = Guangrong },
            new { sourceRecordId = Ext(), name = "缺身份证", address = "光荣社区5栋", communityCode = Guangrong });
        Assert.Equal(6, report.GetProperty("rows").GetInt64());
        Assert.Equal(1, report.GetProperty("created").GetInt64());
        Assert.Equal(5, report.GetProperty("rejected").GetInt64());
        var rejections = report.GetProperty("rejections").EnumerateArray()
            .Select(r => (Row: r.GetProperty("rowNumber").GetInt64(), Field: r.GetProperty("field").GetString(), Code: r.GetProperty("code").GetString(),
                Zh: r.GetProperty("zh").GetString()!, En: r.GetProperty("en").GetString()!)).ToList();
        Assert.Contains(rejections, r => r is { Row: 2, Field: "idNumber", Code: "bad-check-character" });
        Assert.Contains(rejections, r => r is { Row: 3, Field: "idNumber", Code: "future-birth-date" });
        Assert.Contains(rejections, r => r is { Row: 4, Field: "communityCode", Code: "unknown-community" });
        Assert.Contains(rejections, r => r is { Row: 5, Code: "duplicate-in-file" });
        Assert.Contains(rejections, r => r is { Row: 6, Field: "idNumber", Code: "missing" });
        Assert.All(rejections, r => Assert.False(string.IsNullOrWhiteSpace(r.Zh) || string.IsNullOrWhiteSpace(r.En)));
        Assert.True(await WithDbAsync(db => db.Set<Person>().AnyAsync(p => p.IdNumber == good)));
        Assert.False(await WithDbAsync(db => db.Set<Person>().AnyAsync(p => p.IdNumber == badCheck || p.IdNumber == dup)));

        // The report downloads as a spreadsheet and as CSV.
        var admin = await F.LoginAsync("commander");
        var batchId = report.GetProperty("batchId").GetString();
        var xlsx = await admin.GetAsync($"/api/intake/batches/{batchId}/rejections.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal((byte)'P', (await xlsx.Content.ReadAsByteArrayAsync())[0]);
        var csv = await (await admin.GetAsync($"/api/intake/batches/{batchId}/rejections.csv")).Content.ReadAsStringAsync();
        Assert.Contains("bad-check-character", csv);
    }

    [Fact]
    public async Task Sending_the_same_batch_twice_changes_nothing_and_a_changed_record_updates_with_history()
    {
        var huji = await SourceClientAsync("gaj-huji");
        var id = await FreshIdAsync();
        var ext = Ext();
        object Record(string address) => new { sourceRecordId = ext, idNumber = id, name = "幂等测试", phone = "13900001111", address, communityCode = Guangrong };
        var first = await SendAsync(huji, "gaj-huji", Record("光荣社区9栋"));
        Assert.Equal(1, first.GetProperty("created").GetInt64());
        var auditBefore = await WithDbAsync(db => db.AuditEntries.CountAsync());
        var personsBefore = await WithDbAsync(db => db.Set<Person>().CountAsync());

        var again = await SendAsync(huji, "gaj-huji", Record("光荣社区9栋"));
        Assert.Equal(0, again.GetProperty("created").GetInt64());
        Assert.Equal(0, again.GetProperty("updated").GetInt64());
        Assert.Equal(1, again.GetProperty("unchanged").GetInt64());
        Assert.Equal(personsBefore, await WithDbAsync(db => db.Set<Person>().CountAsync()));

        var changed = await SendAsync(huji, "gaj-huji", Record("光荣社区10栋"));
        Assert.Equal(1, changed.GetProperty("updated").GetInt64());
        var (person, record, versions) = await WithDbAsync(async db =>
        {
            var p = await db.Set<Person>().SingleAsync(x => x.IdNumber == id);
            var r = await db.Set<SourceRecord>().SingleAsync(x => x.ExternalId == ext);
            var v = await db.Set<SourceRecordVersion>().Where(x => x.SourceRecordId == r.Id).ToListAsync();
            return (p, r, v);
        });
        Assert.Equal("光荣社区10栋", person.Address);
        Assert.Equal(2, record.Version);
        Assert.Single(versions);
        Assert.Contains("光荣社区9栋", versions[0].Payload);
        Assert.True(await WithDbAsync(db => db.AuditEntries.CountAsync()) > auditBefore);
    }

    [Fact]
    public async Task The_same_person_from_two_sources_is_one_person_with_both_records_and_a_flag_event()
    {
        var huji = await SourceClientAsync("gaj-huji");
        var cdc = await SourceClientAsync("cdc-cases");
        var id = await FreshIdAsync(male: false);
        await SendAsync(huji, "gaj-huji", new { sourceRecordId = Ext(), idNumber = id, name = "两源同人", address = "光荣社区1栋", communityCode = Guangrong });
        var caseExt = Ext();
        var report = await SendAsync(cdc, "cdc-cases",
            new { sourceRecordId = caseExt, idNumber = id, name = "两源同人", category = "确诊", eventDate = Day(-1) });
        Assert.Equal(1, report.GetProperty("created").GetInt64());
        Assert.Equal(0, report.GetProperty("needsReview").GetInt64());

        var person = await WithDbAsync(db => db.Set<Person>().SingleAsync(p => p.IdNumber == id));
        Assert.Equal(2, await WithDbAsync(db => db.Set<SourceRecord>().CountAsync(r => r.PersonId == person.Id)));
        var flag = await WithDbAsync(db => db.Set<PersonFlag>().SingleAsync(f => f.PersonId == person.Id));
        Assert.Equal(Yiwang.Kernel.Contracts.People.PersonFlagKind.ConfirmedCase, flag.Kind);
        Assert.True(flag.Active);

        // The 360 view shows both records and the flag; other modules hear about it through the outbox.
        var worker = await F.LoginAsync("guangrong");
        var detail = await Http.JsonAsync(await worker.GetAsync($"/api/people/{person.Id}"));
        Assert.Equal(2, detail.GetProperty("records").GetArrayLength());
        Assert.Equal("ConfirmedCase", detail.GetProperty("flags")[0].GetProperty("kind").GetString());
        await WaitForAsync(() => F.Events.Received.Any(e => e.PersonId == person.Id && e.Flag == "ConfirmedCase" && e.Active));

        // The case closes: the flag ends and that is published too.
        await SendAsync(cdc, "cdc-cases",
            new { sourceRecordId = caseExt, idNumber = id, name = "两源同人", category = "确诊", eventDate = Day(-1), active = "否" });
        Assert.False((await WithDbAsync(db => db.Set<PersonFlag>().SingleAsync(f => f.PersonId == person.Id))).Active);
        await WaitForAsync(() => F.Events.Received.Any(e => e.PersonId == person.Id && !e.Active));
    }

    [Fact]
    public async Task Twins_stay_two_persons_and_a_typo_without_id_number_goes_to_the_queue_not_into_a_merge()
    {
        var huji = await SourceClientAsync("gaj-huji");
        var birth = new DateOnly(1990, 5, 20);
        var twinA = ResidentIdentityNumber.Create("420116", birth, 871);
        var twinB = ResidentIdentityNumber.Create("420116", birth, 873);
        await SendAsync(huji, "gaj-huji",
            new { sourceRecordId = Ext(), idNumber = twinA, name = "孪大明", phone = "13811112222", address = "民安社区1栋", communityCode = Minan, householdKey = "H-TWIN", relation = "子" },
            new { sourceRecordId = Ext(), idNumber = twinB, name = "孪二明", phone = "13811112222", address = "民安社区1栋", communityCode = Minan, householdKey = "H-TWIN", relation = "子" });
        var twins = await WithDbAsync(db => db.Set<Person>().Where(p => p.IdNumber == twinA || p.IdNumber == twinB).ToListAsync());
        Assert.Equal(2, twins.Count);
        Assert.Single(twins.Select(t => t.HouseholdId).Distinct());

        // A fever-clinic visit without identity number, name mistyped (孪大名), same birth date and phone.
        var fever = await SourceClientAsync("hospital-fever");
        var report = await SendAsync(fever, "hospital-fever",
            new { sourceRecordId = Ext(), name = "孪大名", birthDate = "1990-05-20", phone = "13811112222", eventDate = Day(0), communityCode = Minan });
        Assert.Equal(1, report.GetProperty("needsReview").GetInt64());
        var candidates = await WithDbAsync(db => db.Set<DuplicateCandidate>().Where(d => d.Status == DuplicateStatus.Open && twins.Select(t => t.Id).Contains(d.CandidatePersonId)).ToListAsync());
        // Both twins share birth date and phone; only 孪大明 is one character from 孪大名.
        var only = Assert.Single(candidates);
        Assert.Equal(twins.Single(t => t.Name == "孪大明").Id, only.CandidatePersonId);
        Assert.Contains("one character", only.Reason);
        Assert.Equal(2, await WithDbAsync(db => db.Set<Person>().CountAsync(p => p.MergedIntoId == null && (p.IdNumber == twinA || p.IdNumber == twinB))));
    }

    [Fact]
    public async Task A_merge_moves_records_and_flags_and_can_be_undone_all_audited()
    {
        var huji = await SourceClientAsync("gaj-huji");
        var fever = await SourceClientAsync("hospital-fever");
        var id = await FreshIdAsync();
        await SendAsync(huji, "gaj-huji", new { sourceRecordId = Ext(), idNumber = id, name = "合并测试", phone = "13722223333", address = "光荣社区6栋", communityCode = Guangrong });
        var birth = ResidentIdentityNumber.Validate(id, DateOnly.MaxValue).BirthDate!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync(fever, "hospital-fever", new { sourceRecordId = Ext(), name = "合并测试", birthDate = birth, phone = "13722223333", eventDate = Day(0), communityCode = Guangrong });
        var survivor = await WithDbAsync(db => db.Set<Person>().SingleAsync(p => p.IdNumber == id));
        var entry = await WithDbAsync(db => db.Set<DuplicateCandidate>().SingleAsync(d => d.CandidatePersonId == survivor.Id && d.Status == DuplicateStatus.Open));
        Assert.Equal("name+birthDate+phone", entry.Reason);

        var worker = await F.LoginAsync("guangrong");
        var queue = await Http.JsonAsync(await worker.GetAsync("/api/people/duplicates"));
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == entry.Id.ToString());
        var noReason = await worker.PostAsJsonAsync($"/api/people/duplicates/{entry.Id}/merge", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var merged = await Http.JsonAsync(await worker.PostAsJsonAsync($"/api/people/duplicates/{entry.Id}/merge", new { reason = "电话和生日一致，同一人" }));
        var mergeId = merged.GetProperty("mergeId").GetString();
        var flagOwner = await WithDbAsync(db => db.Set<PersonFlag>().Where(f => f.Kind == Yiwang.Kernel.Contracts.People.PersonFlagKind.FeverPatient && f.PersonId == survivor.Id).CountAsync());
        Assert.Equal(1, flagOwner);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/api/people/{entry.PersonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostAsJsonAsync($"/api/people/duplicates/{entry.Id}/merge", new { reason = "再次合并" })).StatusCode);

        var undo = await worker.PostAsJsonAsync($"/api/people/merges/{mergeId}/undo", new { reason = "误合并，撤销" });
        Assert.Equal(HttpStatusCode.NoContent, undo.StatusCode);
        Assert.Equal(0, await WithDbAsync(db => db.Set<PersonFlag>().CountAsync(f => f.Kind == Yiwang.Kernel.Contracts.People.PersonFlagKind.FeverPatient && f.PersonId == survivor.Id)));
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/api/people/{entry.PersonId}")).StatusCode);
        var reopened = await WithDbAsync(db => db.Set<DuplicateCandidate>().SingleAsync(d => d.Id == entry.Id));
        Assert.Equal(DuplicateStatus.Open, reopened.Status);
        var actions = await WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "merge" || a.Action == "undo-merge").Select(a => a.Reason).ToListAsync());
        Assert.Contains("电话和生日一致，同一人", actions);
        Assert.Contains("误合并，撤销", actions);

        // Another township cannot see or decide it.
        var wuhu = await F.LoginAsync("wuhu");
        Assert.Equal(HttpStatusCode.NotFound, (await wuhu.PostAsJsonAsync($"/api/people/duplicates/{entry.Id}/distinct", new { reason = "不是我辖区" })).StatusCode);
    }

    [Fact]
    public async Task An_identity_number_with_another_name_waits_for_a_human()
    {
        var huji = await SourceClientAsync("gaj-huji");
        var cdc = await SourceClientAsync("cdc-cases");
        var id = await FreshIdAsync();
        await SendAsync(huji, "gaj-huji", new { sourceRecordId = Ext(), idNumber = id, name = "冲突甲", address = "光荣社区7栋", communityCode = Guangrong });
        var ext = Ext();
        var report = await SendAsync(cdc, "cdc-cases", new { sourceRecordId = ext, idNumber = id, name = "冲突乙", category = "疑似", eventDate = Day(0) });
        Assert.Equal(1, report.GetProperty("needsReview").GetInt64());
        var record = await WithDbAsync(db => db.Set<SourceRecord>().SingleAsync(r => r.ExternalId == ext));
        Assert.Equal(SourceRecordStatus.IdConflict, record.Status);
        Assert.Null(record.PersonId);
        Assert.Equal(0, await WithDbAsync(db => db.Set<PersonFlag>().CountAsync(f => f.SourceRecordId == record.Id)));

        var entry = await WithDbAsync(db => db.Set<DuplicateCandidate>().SingleAsync(d => d.SourceRecordId == record.Id));
        var worker = await F.LoginAsync("guangrong");
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync($"/api/people/duplicates/{entry.Id}/distinct", new { reason = "姓名不符，退回疾控核实" })).StatusCode);
        Assert.Equal(SourceRecordStatus.Disputed, (await WithDbAsync(db => db.Set<SourceRecord>().SingleAsync(r => r.Id == record.Id))).Status);
    }

    [Fact]
    public async Task A_community_worker_cannot_import_into_another_community_and_a_key_only_feeds_its_source()
    {
        var worker = await F.LoginAsync("guangrong");
        var ownId = await FreshIdAsync();
        var otherId = await FreshIdAsync();
        var report = await SendAsync(worker, "manual",
            new { sourceRecordId = Ext(), idNumber = ownId, name = "本社区", address = "光荣社区8栋", communityCode = Guangrong },
            new { sourceRecordId = Ext(), idNumber = otherId, name = "外社区", address = "武湖某村", communityCode = Wuhu001 });
        Assert.Equal(1, report.GetProperty("created").GetInt64());
        var rejection = Assert.Single(report.GetProperty("rejections").EnumerateArray());
        Assert.Equal("outside-scope", rejection.GetProperty("code").GetString());
        Assert.False(await WithDbAsync(db => db.Set<Person>().AnyAsync(p => p.IdNumber == otherId)));

        var fever = await SourceClientAsync("hospital-fever");
        var wrong = await fever.PostAsJsonAsync("/api/intake/gaj-huji/records", new { records = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        var citizen = await F.LoginAsync("citizen");
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.PostAsJsonAsync("/api/intake/manual/records", new { records = Array.Empty<object>() })).StatusCode);
    }

    [Fact]
    public async Task Search_finds_by_id_suffix_and_phone_and_exports_are_masked_and_scoped()
    {
        var huji = await SourceClientAsync("gaj-huji");
        var id = await FreshIdAsync();
        await SendAsync(huji, "gaj-huji", new { sourceRecordId = Ext(), idNumber = id, name = "检索测试", phone = "13655556666", address = "光荣社区11栋", communityCode = Guangrong });
        var worker = await F.LoginAsync("guangrong");
        var bySuffix = await Http.JsonAsync(await worker.GetAsync($"/api/people?q={id[^4..]}"));
        Assert.Contains(bySuffix.GetProperty("items").EnumerateArray(), i => i.GetProperty("name").GetString() == "检索测试");
        var byPhone = await Http.JsonAsync(await worker.GetAsync("/api/people?q=13655556666"));
        Assert.Equal("检索测试", Assert.Single(byPhone.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());

        var csvBytes = await (await worker.GetAsync("/api/people/export.csv")).Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csvBytes[..3]);
        var csv = System.Text.Encoding.UTF8.GetString(csvBytes);
        Assert.Contains("检索测试", csv);
        Assert.DoesNotContain(id, csv);
        Assert.Contains(id[..6] + "********" + id[^4..], csv);
        var outsiders = await WithDbAsync(db => db.Set<Person>().Where(p => p.StreetCode == "420116013").Select(p => p.Name).Take(50).ToListAsync());
        var lines = csv.Split('\n').Skip(1).Where(l => l.Length > 0).ToList();
        var inScope = await WithDbAsync(db => db.Set<Person>().CountAsync(p => p.CommunityCode == Guangrong && p.MergedIntoId == null));
        Assert.Equal(inScope, lines.Count);

        var xlsx = await worker.GetAsync("/api/people/export.xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        var exported = await WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "export" && a.Actor == "guangrong"));
        Assert.True(exported >= 2);
    }

    [Fact]
    public async Task An_xlsx_with_chinese_headers_goes_through_upload_preview_mapping_and_import()
    {
        var worker = await F.LoginAsync("guangrong");
        var id = await FreshIdAsync();
        using var xlsx = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(xlsx, new[]
        {
            new Dictionary<string, object> { ["记录编号"] = Ext(), ["公民身份号码"] = id, ["姓名"] = "表格导入", ["联系电话"] = "13577778888", ["现住址"] = "光荣社区12栋", ["社区代码"] = Guangrong },
            new Dictionary<string, object> { ["记录编号"] = Ext(), ["公民身份号码"] = "123", ["姓名"] = "坏号码", ["联系电话"] = "", ["现住址"] = "光荣社区13栋", ["社区代码"] = Guangrong },
        });
        var (page, token) = await UploadAsync(worker, "manual", "登记表.xlsx", xlsx.ToArray());
        Assert.Matches("/intake/uploads/[0-9a-f]{32}", page);
        var preview = await worker.GetStringAsync(page);
        Assert.Contains("公民身份号码", preview);
        Assert.Contains("表格导入", preview);

        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token!,
            ["map_SourceRecordId"] = "记录编号", ["map_IdNumber"] = "公民身份号码", ["map_Name"] = "姓名",
            ["map_Phone"] = "联系电话", ["map_Address"] = "现住址", ["map_CommunityCode"] = "社区代码",
        };
        var commit = await worker.PostAsync(page + "/commit", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, commit.StatusCode);
        var batchUrl = commit.Headers.Location!.OriginalString;
        var batchId = batchUrl.Split('/')[^1];
        JsonElement report = default;
        await WaitForAsync(async () =>
        {
            var r = await worker.GetAsync($"/api/intake/batches/{batchId}");
            if (!r.IsSuccessStatusCode)
            {
                return false;
            }

            report = await Http.JsonAsync(r);
            return report.GetProperty("status").GetString() == "Completed";
        });
        Assert.Equal(1, report.GetProperty("created").GetInt64());
        Assert.Equal(1, report.GetProperty("rejected").GetInt64());
        Assert.Equal(3, report.GetProperty("rejections")[0].GetProperty("rowNumber").GetInt64());
        Assert.True(await WithDbAsync(db => db.Set<Person>().AnyAsync(p => p.IdNumber == id && p.Phone == "13577778888")));
    }

    [Fact]
    public async Task A_malformed_file_is_refused_whole_with_a_clear_message_and_nothing_written()
    {
        var worker = await F.LoginAsync("guangrong");
        var before = await WithDbAsync(db => db.Set<Person>().CountAsync());
        var (pdf, _) = await UploadAsync(worker, "manual", "scan.pdf", "%PDF-1.7\n%âãÏÓ\n1 0 obj\n"u8.ToArray());
        Assert.Contains("/intake?error=", pdf);

        using var xlsx = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(xlsx, Enumerable.Range(0, 200).Select(i => new Dictionary<string, object> { ["姓名"] = "截断" + i, ["身份证号"] = "420116" }));
        var truncated = xlsx.ToArray()[..(int)(xlsx.Length / 2)];
        var (cut, _) = await UploadAsync(worker, "manual", "half.xlsx", truncated);
        Assert.Contains("/intake?error=", cut);
        var message = Uri.UnescapeDataString(cut);
        Assert.Contains(" / ", message);
        Assert.Equal(before, await WithDbAsync(db => db.Set<Person>().CountAsync()));
        Assert.True(await WithDbAsync(db => db.Set<ImportBatch>().CountAsync(b => b.Status == ImportStatus.Refused && b.By == "guangrong")) >= 2);
    }

    /// <summary>Posts a file through the upload form (with its anti-forgery token); returns where it redirected and the token.</summary>
    private static async Task<(string Location, string? Token)> UploadAsync(HttpClient client, string source, string fileName, byte[] bytes)
    {
        var page = await client.GetStringAsync("/intake");
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(source), "source" },
            { new ByteArrayContent(bytes), "file", fileName },
        };
        var response = await client.PostAsync("/intake/upload", content);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!.OriginalString;
        if (location.StartsWith("/intake/uploads/", StringComparison.Ordinal))
        {
            var preview = await client.GetStringAsync(location);
            token = WebUtility.HtmlDecode(AntiforgeryToken().Match(preview).Groups[1].Value);
        }

        return (location, token);
    }

    private static async Task WaitForAsync(Func<bool> condition) => await WaitForAsync(() => Task.FromResult(condition()));

    private static Task WaitForAsync(Func<Task<bool>> condition) => Eventually.UntilAsync(condition, timeoutSeconds: 20);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class IntakeTestsOnSqlite(SqliteHost host) : IntakeTests(host.Factory), IClassFixture<SqliteHost>;

public sealed class IntakeTestsOnPostgres(PostgresHost host) : IntakeTests(host.Factory), IClassFixture<PostgresHost>;
