namespace Yiwang.Kernel.UseCases;

/// <summary>What a use-case handler returns: a value, or a <see cref="Refusal"/> when nothing was done.</summary>
public readonly record struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Refusal? refusal) => (_value, Refusal) = (value, refusal);

    public Refusal? Refusal { get; }

    public bool IsOk => Refusal is null;

    /// <summary>The value; throws on a refusal (check <see cref="IsOk"/> or use <see cref="TryGet"/> first).</summary>
    public T Value => Refusal is null ? _value! : throw new InvalidOperationException($"refused: {Refusal.Code}");

    public bool TryGet(out T value)
    {
        value = _value!;
        return Refusal is null;
    }

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Refusal refusal) => new(default, refusal ?? throw new ArgumentNullException(nameof(refusal)));
}
