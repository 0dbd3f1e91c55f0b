namespace Yiwang.Epidemic.Domain.Isolation;

/// <summary>Where a person is isolated: a quarantine hotel (集中隔离点), a designated hospital, or at home.</summary>
internal enum IsolationKind
{
    /// <summary>集中隔离点: a hotel or other centralised quarantine site.</summary>
    Hotel,

    /// <summary>定点医院: a designated hospital.</summary>
    Hospital,

    /// <summary>居家隔离: at the person's home. Assignments of this kind have no site and no capacity.</summary>
    Home,
}
