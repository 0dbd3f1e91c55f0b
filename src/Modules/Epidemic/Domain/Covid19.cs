using Yiwang.Kernel.Contracts.Epidemic;
namespace Yiwang.Epidemic.Domain;

/// <summary>
/// The seeded definition: COVID-19 as Wuhan's districts ran it in 2020–2022 (14-day observation with two
/// negative nucleic-acid tests, 14-day health monitoring after discharge).
/// </summary>
internal static class Covid19
{
    public const string Code = "covid-19";

    public static DiseaseDefinition Definition { get; } = new(
        Code,
        "新型冠状病毒肺炎",
        "COVID-19",
        ObservationDays: 14,
        InitialStates: new Dictionary<CaseCategory, string>
        {
            [CaseCategory.Confirmed] = "confirmed",
            [CaseCategory.Suspected] = "suspected",
            [CaseCategory.CloseContact] = "contact-traced",
            [CaseCategory.FeverPatient] = "fever",
        },
        States:
        [
            new("fever", CaseCategory.FeverPatient, "发热待查", "Fever, under investigation", Monitoring: true),
            new("fever-cleared", CaseCategory.FeverPatient, "发热已排除", "Fever cleared", Terminal: true),
            new("suspected", CaseCategory.Suspected, "疑似", "Suspected", Isolation: "centralised"),
            new("excluded", CaseCategory.Suspected, "已排除", "Excluded", Terminal: true),
            new("contact-traced", CaseCategory.CloseContact, "已追踪待隔离", "Traced, awaiting observation"),
            new("observation-centralised", CaseCategory.CloseContact, "集中隔离观察", "Under centralised observation", Monitoring: true, Isolation: "centralised", Phase: "observation"),
            new("observation-home", CaseCategory.CloseContact, "居家隔离观察", "Under home observation", Monitoring: true, Isolation: "home", Phase: "observation"),
            new("released", CaseCategory.CloseContact, "解除观察", "Released", Terminal: true),
            new("confirmed", CaseCategory.Confirmed, "确诊", "Confirmed"),
            new("hospitalised", CaseCategory.Confirmed, "住院治疗", "In hospital", Isolation: "hospital"),
            new("discharged-monitoring", CaseCategory.Confirmed, "出院健康监测", "Discharged, health monitoring", Monitoring: true, Isolation: "home"),
            new("recovered", CaseCategory.Confirmed, "康复", "Recovered", Terminal: true),
            new("deceased", CaseCategory.Confirmed, "死亡", "Deceased", Terminal: true),
        ],
        Transitions:
        [
            new("fever", "fever-cleared", RequiredNegativeTests: 1),
            new("fever", "suspected"),
            new("suspected", "confirmed"),
            new("suspected", "excluded", RequiredNegativeTests: 2, ReasonRequired: true),
            new("contact-traced", "observation-centralised"),
            new("contact-traced", "observation-home"),
            new("contact-traced", "confirmed"),
            new("observation-centralised", "observation-home", ReasonRequired: true),
            new("observation-home", "observation-centralised", ReasonRequired: true),
            new("observation-centralised", "released", MinDaysInState: 14, RequiredNegativeTests: 2),
            new("observation-home", "released", MinDaysInState: 14, RequiredNegativeTests: 2),
            new("observation-centralised", "suspected"),
            new("observation-home", "suspected"),
            new("observation-centralised", "confirmed"),
            new("observation-home", "confirmed"),
            new("confirmed", "hospitalised"),
            new("confirmed", "deceased", ReasonRequired: true),
            new("hospitalised", "discharged-monitoring", RequiredNegativeTests: 2),
            new("hospitalised", "deceased", ReasonRequired: true),
            new("discharged-monitoring", "recovered", MinDaysInState: 14),
            new("discharged-monitoring", "hospitalised", ReasonRequired: true),
        ],
        Risk: new RiskRule(WindowDays: 14, MediumAt: 1, HighAt: 10));
}
