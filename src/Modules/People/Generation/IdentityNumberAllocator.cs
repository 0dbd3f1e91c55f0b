using Yiwang.Kernel.Identity;

namespace Yiwang.People.Generation;

/// <summary>Hands out birth dates and identity numbers that are unique for one generation run.
/// Memory is two counters per possible birth date, however many people are generated.</summary>
internal sealed class IdentityNumberAllocator
{
    public const string RegionCode = "420116";

    // Odd sequence codes 001-999 are men's, even codes 002-998 women's.
    private const int _maleSlots = 500;
    private const int _femaleSlots = 499;

    // Steps coprime with the slot counts, so k -> (k * step + offset) mod slots visits every slot once
    // and sequence codes look scattered rather than counting up from 001.
    private const int _maleStep = 293;
    private const int _femaleStep = 211;

    private readonly DateOnly _referenceDate;
    private readonly int _firstDayNumber;
    private readonly ushort[] _maleIssued;
    private readonly ushort[] _femaleIssued;
    private readonly uint _scramble;

    public IdentityNumberAllocator(DateOnly referenceDate, int maxAge, uint scramble)
    {
        _referenceDate = referenceDate;
        _firstDayNumber = referenceDate.AddYears(-(maxAge + 1)).DayNumber + 1;
        var days = referenceDate.DayNumber - _firstDayNumber + 1;
        _maleIssued = new ushort[days];
        _femaleIssued = new ushort[days];
        _scramble = scramble;
    }

    /// <summary>A birth date giving exactly <paramref name="age"/> on the reference date, and a fresh number for it.</summary>
    public (DateOnly BirthDate, string IdNumber) Allocate(Random random, int age, Sex sex)
    {
        var last = _referenceDate.AddYears(-age).DayNumber;
        var first = _referenceDate.AddYears(-(age + 1)).DayNumber + 1;
        var span = last - first + 1;
        var start = random.Next(span);

        // A date only fills up after ~500 people of one sex, so this loop almost never goes round.
        for (var attempt = 0; attempt < span; attempt++)
        {
            var dayNumber = first + ((start + attempt) % span);
            var index = dayNumber - _firstDayNumber;
            var issued = sex == Sex.Male ? _maleIssued : _femaleIssued;
            var slots = sex == Sex.Male ? _maleSlots : _femaleSlots;
            if (issued[index] >= slots)
            {
                continue;
            }

            var k = issued[index]++;
            var step = sex == Sex.Male ? _maleStep : _femaleStep;
            var slot = (int)(((ulong)k * (ulong)step + Offset(dayNumber)) % (ulong)slots);
            var sequence = sex == Sex.Male ? (2 * slot) + 1 : (2 * slot) + 2;
            var birthDate = DateOnly.FromDayNumber(dayNumber);
            return (birthDate, ResidentIdentityNumber.Create(RegionCode, birthDate, sequence));
        }

        throw new InvalidOperationException($"Every identity number for age {age} ({sex}) has been used.");
    }

    // A cheap integer hash (splitmix-style finaliser) so each date starts its sequence codes elsewhere.
    private ulong Offset(int dayNumber)
    {
        var x = (uint)dayNumber ^ _scramble;
        x ^= x >> 16;
        x *= 0x7FEB352D;
        x ^= x >> 15;
        x *= 0x846CA68B;
        x ^= x >> 16;
        return x;
    }
}
