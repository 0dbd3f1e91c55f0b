namespace Yiwang.People.Generation;

/// <summary>Draws items with probability proportional to integer weights.</summary>
internal sealed class WeightedTable<T>
{
    private readonly T[] _items;
    private readonly int[] _cumulative;

    public WeightedTable(IReadOnlyList<(T Item, int Weight)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfZero(entries.Count);

        _items = new T[entries.Count];
        _cumulative = new int[entries.Count];
        var total = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(entries[i].Weight);
            total = checked(total + entries[i].Weight);
            _items[i] = entries[i].Item;
            _cumulative[i] = total;
        }
    }

    public T Sample(Random random)
    {
        var ticket = random.Next(_cumulative[^1]);

        // BinarySearch returns the complement of the first larger element when there is no exact hit;
        // an exact hit on a cumulative bound belongs to the next item.
        var index = Array.BinarySearch(_cumulative, ticket);
        return _items[index < 0 ? ~index : index + 1];
    }
}
