using Kpi.Demo.Company;
using Kpi.Domain.Access;
using Kpi.Domain.Records;
using Kpi.Storage.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Kpi.Demo;

/// <summary>
/// One user of each kind for trying the demo company, all with the password <see cref="Password"/> (the demo is for
/// trying, never for production): HR, an executive (the general manager), the head of 生产部 as a manager (a manager by
/// heading the department, named on none), and an employee of 树脂车间, appraised by its head.
/// </summary>
public static class DemoUsers
{
    public const string Password = "kpi-demo-2026";

    public sealed record DemoUser(string UserName, string Role, string DisplayName, string EmployeeNo, string Department);

    /// <summary>The demo users of a generated company (employee numbers come from its staff).</summary>
    public static IReadOnlyList<DemoUser> Of(DemoData demo)
    {
        var staff = demo.Records.All.OfType<StaffRecord>().ToList();
        var lastDay = demo.LastMonth.LastDay;
        StaffRecord Head(string code) => staff.First(s => s.EmployeeNo == demo.Tree.Get(code).HeadEmployeeNo);
        var hr = Head(DemoOrganisation.People);
        var ceo = Head(DemoOrganisation.Root);
        var production = Head(DemoOrganisation.Production);
        var resin = staff.Where(s => s.Department == DemoOrganisation.Resin && s.EmployeeNo != demo.Tree.Get(DemoOrganisation.Resin).HeadEmployeeNo
                                     && s.InHeadcountOn(lastDay))
            .OrderBy(s => s.EmployeeNo, StringComparer.Ordinal).First();
        return
        [
            new("hr", Roles.Hr, $"{hr.Name}（{hr.Position}）", hr.EmployeeNo, hr.Department),
            new("ceo", Roles.Executive, $"{ceo.Name}（{ceo.Position}）", ceo.EmployeeNo, ceo.Department),
            new("prod", Roles.Manager, $"{production.Name}（{production.Position}）", production.EmployeeNo, production.Department),
            new("resin", Roles.Employee, $"{resin.Name}（{resin.Position}）", resin.EmployeeNo, resin.Department),
        ];
    }

    /// <summary>A mailbox under the reserved <c>.example</c> domain, so the demo's mail (its executive summary) has somewhere to go.</summary>
    public static string Address(DemoUser user) => $"{user.UserName}@huacai.example";

    public static async Task<IReadOnlyList<DemoUser>> CreateAsync(UserManager<KpiUser> users, DemoData demo, DateTime now)
    {
        var created = new List<DemoUser>();
        foreach (var user in Of(demo))
        {
            if (await users.FindByNameAsync(user.UserName) is not null) continue;
            var result = await users.CreateAsync(new KpiUser
            {
                UserName = user.UserName, Email = Address(user), DisplayName = user.DisplayName, Role = user.Role, EmployeeNo = user.EmployeeNo, CreatedAt = now,
                CreatedBy = "demo", UpdatedAt = now,
            }, Password);
            if (!result.Succeeded)
                throw new InvalidOperationException($"The demo user {user.UserName} could not be created: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            created.Add(user);
        }
        return created;
    }
}
