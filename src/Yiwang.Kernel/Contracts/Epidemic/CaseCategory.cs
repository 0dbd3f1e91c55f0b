namespace Yiwang.Kernel.Contracts.Epidemic;

/// <summary>四类人员: the four categories of people epidemic control follows.</summary>
public enum CaseCategory
{
    /// <summary>确诊病例 confirmed case.</summary>
    Confirmed,

    /// <summary>疑似病例 suspected case.</summary>
    Suspected,

    /// <summary>密切接触者 close contact.</summary>
    CloseContact,

    /// <summary>发热病人 fever patient.</summary>
    FeverPatient,
}
