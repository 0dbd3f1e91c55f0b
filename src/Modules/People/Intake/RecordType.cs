namespace Yiwang.People.Intake;

/// <summary>What kind of records a source system sends (its declared record type).</summary>
internal enum RecordType
{
    /// <summary>公安户籍: persons, households, addresses.</summary>
    HouseholdRegistration,

    /// <summary>疾控 case reports: confirmed or suspected cases.</summary>
    CaseReport,

    /// <summary>发热门诊 fever-clinic visits from hospitals.</summary>
    FeverClinicVisit,

    /// <summary>民政 lists: elderly living alone, disabled, low-income households.</summary>
    CivilAffairsList,

    /// <summary>社区 manual entry by community workers.</summary>
    ManualEntry,
}
