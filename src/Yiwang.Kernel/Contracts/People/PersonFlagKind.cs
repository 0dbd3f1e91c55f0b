namespace Yiwang.Kernel.Contracts.People;

/// <summary>Flags a source can put on a person: the four categories (四类人员) and the vulnerable groups.</summary>
public enum PersonFlagKind
{
    /// <summary>确诊病例.</summary>
    ConfirmedCase,

    /// <summary>疑似病例.</summary>
    SuspectedCase,

    /// <summary>密切接触者.</summary>
    CloseContact,

    /// <summary>发热患者.</summary>
    FeverPatient,

    /// <summary>独居老人.</summary>
    ElderlyAlone,

    /// <summary>残疾人.</summary>
    Disabled,

    /// <summary>低保/低收入.</summary>
    LowIncome,
}
