namespace Yiwang.People.Generation;

/// <summary>Relation to the household head (与户主关系), coarsened from GB/T 4761.</summary>
internal enum HouseholdRelation
{
    Head,
    Spouse,
    Child,
    Parent,
    Grandchild,

    // Mostly a child's spouse; GB/T 4761 has dedicated codes, but nothing downstream needs them yet.
    Other,
}
