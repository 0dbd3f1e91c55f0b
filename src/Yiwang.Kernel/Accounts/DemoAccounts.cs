using Microsoft.AspNetCore.Identity;
using Yiwang.Kernel.Access;

namespace Yiwang.Kernel.Accounts;

/// <summary>Demo accounts at each level, created on first run so a newcomer can sign in at once.</summary>
public static class DemoAccounts
{
    public sealed record Demo(string UserName, AccountRole Role, string JurisdictionCode, string DisplayName);

    public static IReadOnlyList<Demo> All { get; } =
    [
        new("commander", AccountRole.DistrictCommander, "420116", "区指挥部值班长"),
        new("qianchuan", AccountRole.TownshipOfficer, "420116001", "前川街道专干"),
        new("wuhu", AccountRole.TownshipOfficer, "420116013", "武湖街道专干"),
        new("guangrong", AccountRole.CommunityWorker, "420116001001", "光荣居委会网格员"),
        new("health", AccountRole.HealthOfficer, "420116", "区卫健局疾控专员"),
        new("health2", AccountRole.HealthOfficer, "420116", "区卫健局疾控复核员"),
        new("venue", AccountRole.VenueOperator, "420116001", "前川街道场所管理员"),
        new("clerk", AccountRole.ServiceClerk, "420116", "区政务服务中心窗口"),
        new("enterprise", AccountRole.EnterpriseOfficer, "420116", "区经信局专员"),
        new("cityops", AccountRole.CityOpsOperator, "420116", "区城运中心接线员"),
        new("auditor", AccountRole.Auditor, "420116", "区纪委审计员"),
        new("citizen", AccountRole.Citizen, "", "市民"),
        new("admin", AccountRole.Administrator, "420116", "区大数据中心管理员"),
    ];

    public static async Task<int> EnsureAsync(UserManager<Account> users, string password)
    {
        var created = 0;
        foreach (var d in All)
        {
            if (await users.FindByNameAsync(d.UserName) is not null)
            {
                continue;
            }

            var account = new Account
            {
                UserName = d.UserName,
                Role = d.Role,
                JurisdictionCode = d.JurisdictionCode,
                DisplayName = d.DisplayName,
                LockoutEnabled = true,
            };
            var result = await users.CreateAsync(account, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Could not create demo account {d.UserName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }

            created++;
        }

        return created;
    }
}
