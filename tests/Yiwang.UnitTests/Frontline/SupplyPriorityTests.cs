using Yiwang.Frontline.Domain.Supplies;
using Yiwang.Frontline.Features.Supplies;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Web;

namespace Yiwang.UnitTests.Frontline;

public sealed class SupplyPriorityTests
{
    private static PersonSummary Member(params string[] flags) =>
        new(Guid.NewGuid(), "张三", "4201**********1234", "138****0000", "420116001001", "420116001", Guid.Empty, "前川街光荣路 1 号", flags);

    [Fact]
    public void A_household_without_flags_is_normal()
    {
        var (priority, reasons) = SupplyPriority.Compute([Member(), Member()]);
        Assert.Equal(SupplyPriority.Normal, priority);
        Assert.Empty(reasons);
    }

    [Theory]
    [InlineData("ElderlyAlone")]
    [InlineData("Disabled")]
    [InlineData("ConfirmedCase")]
    [InlineData("CloseContact")]
    public void A_member_who_cannot_go_out_makes_the_household_urgent(string flag)
    {
        var (priority, reasons) = SupplyPriority.Compute([Member(), Member(flag)]);
        Assert.Equal(SupplyPriority.Urgent, priority);
        Assert.Equal([flag], reasons);
    }

    [Fact]
    public void Low_income_alone_is_vulnerable()
    {
        var (priority, reasons) = SupplyPriority.Compute([Member("LowIncome"), Member()]);
        Assert.Equal(SupplyPriority.Vulnerable, priority);
        Assert.Equal(["LowIncome"], reasons);
    }

    [Fact]
    public void Reasons_are_every_flag_found_once_in_a_fixed_order_and_other_flags_do_not_count()
    {
        var (priority, reasons) = SupplyPriority.Compute([Member("LowIncome", "CloseContact"), Member("CloseContact", "ElderlyAlone"), Member("FeverPatient")]);
        Assert.Equal(SupplyPriority.Urgent, priority);
        Assert.Equal(["CloseContact", "ElderlyAlone", "LowIncome"], reasons);

        var (feverOnly, none) = SupplyPriority.Compute([Member("FeverPatient", "SuspectedCase")]);
        Assert.Equal(SupplyPriority.Normal, feverOnly);
        Assert.Empty(none);
    }

    [Fact]
    public void Request_lines_are_checked_before_anything_is_written()
    {
        var errors = new FieldErrors();
        var lines = CreateSupplyRequest.CheckLines(
        [
            new("rice", null, 2), new("Medicine", null, 1), new("masks", "N95", 10), new("bread", null, 1),
            new("oil", null, 0), new("rice", "", 1), new("other", "<b>", 1), new("7", null, 1),
        ], errors);
        var e = errors.ToRefusal().Fields;
        Assert.False(e.ContainsKey("items[0]"));
        Assert.Contains("items[1].name", e.Keys);
        Assert.Contains("items[2].name", e.Keys);
        Assert.Contains("items[3]", e.Keys);
        Assert.Contains("items[4].quantity", e.Keys);
        Assert.Contains("items[5]", e.Keys);
        Assert.Contains("items[6].name", e.Keys);
        Assert.Contains("items[7]", e.Keys);
        Assert.Equal(SupplyItem.Rice, lines[0].Item);

        var none = new FieldErrors();
        CreateSupplyRequest.CheckLines([], none);
        Assert.Contains("items", none.ToRefusal().Fields.Keys);
    }

    [Fact]
    public void Only_masks_and_medicine_are_scarce()
    {
        Assert.Equal([SupplyItem.Masks, SupplyItem.Medicine], Enum.GetValues<SupplyItem>().Where(i => i.IsScarce()));
    }
}
