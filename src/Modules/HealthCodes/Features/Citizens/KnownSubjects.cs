using System.Collections.Concurrent;

namespace Yiwang.HealthCodes.Features.Citizens;

/// <summary>Persons whose subject link this host knows to exist (links are never removed).</summary>
internal sealed class KnownSubjects
{
    // A district of 1.15 million fits (about 60 MB at worst); past this bound the set starts over rather than grow.
    private const int MaxEntries = 2_000_000;
    private readonly ConcurrentDictionary<Guid, byte> _persons = new();

    public bool Contains(Guid personId) => _persons.ContainsKey(personId);

    public void Add(Guid personId)
    {
        if (_persons.Count >= MaxEntries)
        {
            _persons.Clear();
        }

        _persons.TryAdd(personId, 0);
    }
}
