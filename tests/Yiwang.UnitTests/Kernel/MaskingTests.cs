using Yiwang.Kernel.Privacy;

namespace Yiwang.UnitTests.Kernel;

public sealed class MaskingTests
{
    [Theory]
    [InlineData("42011619900517123X", "420116********123X")]
    [InlineData("11010519491231002X", "110105********002X")]
    [InlineData("12345678901", "123456*8901")]
    [InlineData("1234567890", "**********")]
    [InlineData("12345", "*****")]
    [InlineData("1", "*")]
    [InlineData(null, "")]
    [InlineData("", "")]
    public void IdNumberKeepsRegionCodeAndLastFour(string? input, string expected) =>
        Assert.Equal(expected, Masking.IdNumber(input));

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("19912345678", "199****5678")]
    [InlineData("12345678", "123*5678")]
    [InlineData("1234567", "*******")]
    [InlineData("110", "***")]
    [InlineData(null, "")]
    [InlineData("", "")]
    public void PhoneKeepsPrefixAndLastFour(string? input, string expected) =>
        Assert.Equal(expected, Masking.Phone(input));

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("王小明", "王**")]
    [InlineData("李", "李")]
    [InlineData("欧阳娜娜", "欧阳**")]
    [InlineData("欧阳锋", "欧阳*")]
    [InlineData("诸葛亮", "诸葛*")]
    [InlineData("司马", "司*")] // Too short to be a compound surname plus a given name.
    [InlineData("阿依古丽·买买提", "阿*******")]
    [InlineData("𠮷野家", "𠮷**")] // A first character outside the BMP is kept intact.
    [InlineData("王𠮷", "王*")] // ...and one outside the BMP elsewhere becomes a single star.
    [InlineData(null, "")]
    [InlineData("", "")]
    public void NameKeepsTheSurname(string? input, string expected) =>
        Assert.Equal(expected, Masking.Name(input));
}
