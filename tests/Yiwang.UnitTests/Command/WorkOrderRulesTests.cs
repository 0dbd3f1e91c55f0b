using Yiwang.Command.Data;
using Yiwang.Command.Domain;
using Yiwang.Command.Features;
using Yiwang.Command.Features.Directives;
using Yiwang.Kernel.UseCases;

namespace Yiwang.UnitTests.Command;

public sealed class WorkOrderRulesTests
{
    [Theory]
    [InlineData("Open", "Accept")]
    [InlineData("InProgress", "Complete")]
    [InlineData("Open", "Cancel")]
    [InlineData("InProgress", "Cancel")]
    [InlineData("Open", "Escalate")]
    [InlineData("InProgress", "Escalate")]
    public void Allowed_transitions_pass(string status, string action) =>
        Assert.Null(WorkOrderRules.Check(Enum.Parse<WorkOrderStatus>(status), Enum.Parse<WorkOrderAction>(action)));

    [Theory]
    [InlineData("Open", "Complete", "not-accepted")]
    [InlineData("InProgress", "Accept", "already-accepted")]
    [InlineData("Done", "Complete", "already-done")]
    [InlineData("Done", "Cancel", "already-done")]
    [InlineData("Done", "Escalate", "already-done")]
    [InlineData("Cancelled", "Complete", "cancelled")]
    [InlineData("Cancelled", "Accept", "cancelled")]
    [InlineData("Cancelled", "Escalate", "cancelled")]
    public void Illegal_transitions_are_refused_with_a_bilingual_reason(string status, string action, string code)
    {
        var refusal = WorkOrderRules.Check(Enum.Parse<WorkOrderStatus>(status), Enum.Parse<WorkOrderAction>(action));
        Assert.NotNull(refusal);
        Assert.Equal(code, refusal.Code);
        Assert.Equal(409, refusal.Status);
        var zh = refusal.Message.Render(Text.Chinese);
        var en = refusal.Message.Render(Text.English);
        Assert.NotEmpty(zh);
        Assert.NotEmpty(en);
        Assert.NotEqual(zh, en);
    }

    [Theory]
    [InlineData("420116001001", "420116001")]
    [InlineData("420116001", "420116")]
    [InlineData("420116", "420116")]
    public void Escalation_goes_one_level_up_and_stays_at_the_district(string from, string to) =>
        Assert.Equal(to, WorkOrderRules.EscalationTarget(from));

    [Fact]
    public void Overdue_means_open_work_past_its_due_time()
    {
        var now = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
        var w = new WorkOrder { Status = WorkOrderStatus.InProgress, DueAt = now.AddMinutes(-1) };
        Assert.True(WorkOrderRules.IsOverdue(w, now));
        w.DueAt = now.AddMinutes(1);
        Assert.False(WorkOrderRules.IsOverdue(w, now));
        w.DueAt = now.AddMinutes(-1);
        w.Status = WorkOrderStatus.Done;
        Assert.False(WorkOrderRules.IsOverdue(w, now));
    }

    [Theory]
    [InlineData("420116001", "420116002")]
    [InlineData("420116019", "42011602")]
    [InlineData("420116", "420117")]
    [InlineData("99", "99~")]
    public void A_unit_subtree_is_an_index_range(string prefix, string upper)
    {
        Assert.Equal(upper, Yiwang.Kernel.Access.ScopeFilter.UpperBound(prefix));
        Assert.True(string.CompareOrdinal(prefix + "001", Yiwang.Kernel.Access.ScopeFilter.UpperBound(prefix)) < 0);
    }

    [Theory]
    [InlineData("https://meeting.tencent.com/dm/abc", true)]
    [InlineData("http://10.0.0.5/room/1", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("ftp://example.com/x", false)]
    [InlineData("meeting.tencent.com/dm/abc", false)]
    [InlineData("https://x.example/<script>", false)]
    public void Meeting_links_must_be_http_or_https(string link, bool ok) =>
        Assert.Equal(ok, IssueDirective.IsWebLink(link));

    [Fact]
    public void Form_times_are_district_time()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 1, 30, 0, TimeSpan.Zero), FormInput.DistrictDateTime("2026-11-28T09:30"));
        Assert.Null(FormInput.DistrictDateTime("not a time"));
        Assert.Null(FormInput.DistrictDateTime(""));
    }
}
