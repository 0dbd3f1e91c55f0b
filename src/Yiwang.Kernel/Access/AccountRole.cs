namespace Yiwang.Kernel.Access;

/// <summary>What an account does in Yiwang. Staff roles are bound to a jurisdiction unit and see its subtree only.</summary>
public enum AccountRole
{
    /// <summary>区指挥部 district commander.</summary>
    DistrictCommander,

    /// <summary>街道/乡镇 township officer.</summary>
    TownshipOfficer,

    /// <summary>社区/村 community worker, 网格员.</summary>
    CommunityWorker,

    /// <summary>卫健 health officer.</summary>
    HealthOfficer,

    /// <summary>场所 venue operator (supermarket, mall, station).</summary>
    VenueOperator,

    /// <summary>政务服务 service clerk.</summary>
    ServiceClerk,

    /// <summary>经信/统计 enterprise officer.</summary>
    EnterpriseOfficer,

    /// <summary>城运/热线 city-operations operator.</summary>
    CityOpsOperator,

    /// <summary>审计 auditor: reads the audit log, verifies the chain.</summary>
    Auditor,

    /// <summary>市民 citizen: sees only themselves.</summary>
    Citizen,

    SourceSystem,

    /// <summary>系统管理员 registers source systems and their keys.</summary>
    Administrator,
}
