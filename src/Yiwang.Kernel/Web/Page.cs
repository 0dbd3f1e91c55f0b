namespace Yiwang.Kernel.Web;

public sealed record Page<T>(IReadOnlyList<T> Items, long Total, int PageNumber, int PageSize)
{
    public int PageCount => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Page number and size, clamped: lists never load a whole table.</summary>
public readonly record struct PageRequest(int Number, int Size)
{
    public const int MaxSize = 200;

    public int Skip => (Number - 1) * Size;

    public static PageRequest Of(int? page, int? size) =>
        new(Math.Clamp(page ?? 1, 1, 1_000_000), Math.Clamp(size ?? 50, 1, MaxSize));
}
