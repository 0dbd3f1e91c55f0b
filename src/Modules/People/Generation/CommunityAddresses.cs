using System.Globalization;

namespace Yiwang.People.Generation;

/// <summary>Walks through the dwellings of one community in order, so every household gets a distinct,
/// plausible address without remembering the ones already handed out.</summary>
internal sealed class CommunityAddresses
{
    private const int _vacancyPercent = 10;

    // Huangpi's older estates are six- and seven-storey walk-ups; newer ones are high-rise.
    private static readonly WeightedTable<int> _storeys = new([(6, 30), (7, 15), (11, 15), (18, 20), (26, 12), (33, 8)]);

    private readonly Random _random;
    private readonly string _prefix;
    private readonly bool _isVillage;

    private readonly int _unitsPerBuilding;
    private readonly int _storeysPerBuilding;
    private readonly int _flatsPerStorey;
    private int _building = 1;
    private int _unit = 1;
    private int _storey = 1;
    private int _flat;

    private readonly int _housesPerGroup;
    private int _housesIssued;
    private int _group = 1;
    private int _houseNumber;

    public CommunityAddresses(CommunitySlot community, int expectedHouseholds, Random random)
    {
        ArgumentNullException.ThrowIfNull(community);
        _random = random;
        _prefix = community.StreetName + community.CommunityName;
        _isVillage = community.IsVillage;
        if (_isVillage)
        {
            var groups = random.Next(4, 13);
            _housesPerGroup = Math.Max(5, (expectedHouseholds + groups - 1) / groups);
        }
        else
        {
            _storeysPerBuilding = _storeys.Sample(random);
            _unitsPerBuilding = random.Next(1, 5);
            _flatsPerStorey = _storeysPerBuilding <= 7 ? 2 : random.Next(2, 5);
        }
    }

    public string Next() => _isVillage ? NextHouse() : NextFlat();

    private string NextFlat()
    {
        do
        {
            if (++_flat > _flatsPerStorey)
            {
                _flat = 1;
                if (++_storey > _storeysPerBuilding)
                {
                    _storey = 1;
                    if (++_unit > _unitsPerBuilding)
                    {
                        _unit = 1;
                        _building++;
                    }
                }
            }
        }
        while (_random.Next(100) < _vacancyPercent);

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{_prefix}{_building}栋{_unit}单元{_storey}{_flat:00}室");
    }

    private string NextHouse()
    {
        if (_housesIssued++ == _housesPerGroup * _group)
        {
            _group++;
            _houseNumber = 0;
        }

        // Numbers skip now and then where a house was pulled down or merged.
        _houseNumber += _random.Next(100) < 15 ? _random.Next(2, 4) : 1;
        return string.Create(CultureInfo.InvariantCulture, $"{_prefix}{_group}组{_houseNumber}号");
    }
}
