namespace Yiwang.Frontline.Domain.Supplies;

/// <summary>One item of a request: what, how many, and how many have been delivered so far.</summary>
internal sealed class SupplyRequestLine
{
    public Guid RequestId { get; set; }

    /// <summary>1-based position in the request.</summary>
    public int LineNo { get; set; }

    public SupplyItem Item { get; set; }

    /// <summary>Which medicine, what "other" item; empty for the rest.</summary>
    public string Name { get; set; } = "";

    public int Quantity { get; set; }

    public int Delivered { get; set; }
}
