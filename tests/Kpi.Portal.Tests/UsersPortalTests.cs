using Kpi.Portal.Tests.Support;
using Microsoft.Playwright;

namespace Kpi.Portal.Tests;

/// <summary>
/// The admin's users page: a user created in the browser gets a one-time initial password shown once, signs in with it
/// and must choose their own first; deactivated, their open session ends at once. A refused form names its field and
/// keeps what was typed; a department's head is changed and given back, and a head that is no employee is refused.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class UsersPortalTests(PortalApp app)
{
    [BrowserFact]
    public async Task Admin_CreatesAUser_WhoSignsInWithTheInitialPassword_AndIsCutOffWhenDeactivated()
    {
        var admin = await app.SignedInAsync("admin", PortalApp.AdminPassword);
        await PageChecks.VisitAsync(admin, "/operations/users");
        await admin.Locator("#username").FillAsync("portal.new");
        await admin.Locator("#displayName").FillAsync("新员工 <b>");
        await admin.Locator("#role").SelectOptionAsync("manager");
        await admin.Locator("#departments").FillAsync("PROD-RESIN");
        await admin.Locator("form[action$='handler=Create'] button").ClickAsync();
        await admin.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await PageChecks.NoSeriousViolationAsync(admin, "the users page after a creation");
        var initial = (await admin.Locator("code[data-initial-password]").InnerTextAsync()).Trim();
        Assert.True(initial.Length >= 12, $"initial password '{initial}'");
        var row = admin.Locator("tr[data-user='portal.new']");
        Assert.Contains("新员工 <b>", await row.InnerTextAsync()); // shown as text, not markup

        // The new user signs in and must replace the initial password before anything else.
        var user = await (await app.ContextAsync()).NewPageAsync();
        await user.GotoAsync("/login");
        await user.Locator("#username").FillAsync("portal.new");
        await user.Locator("#password").FillAsync(initial);
        await user.Locator("form.stack button[type=submit]").ClickAsync();
        await user.WaitForURLAsync("**/account/password");
        await user.Locator("#current").FillAsync(initial);
        await user.Locator("#new").FillAsync("a-new-portal-secret-42");
        await user.Locator("form.stack button[type=submit]").ClickAsync();
        await user.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.DoesNotContain("/account/password", user.Url);
        await PageChecks.VisitAsync(user, $"/scorecards/PROD-RESIN/{PortalApp.Month}");

        // Deactivated by the admin: the user's very next request is signed out.
        await admin.Locator("tr[data-user='portal.new'] form button").ClickAsync();
        await admin.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Contains("portal.new", await admin.Locator("p.notice.good, .notice.good").First.InnerTextAsync() + await admin.Locator("tr[data-user='portal.new']").InnerTextAsync());
        Assert.Equal(1, await admin.Locator("tr[data-user='portal.new'] form[action*='handler=Reactivate']").CountAsync());
        await user.GotoAsync($"/scorecards/PROD-RESIN/{PortalApp.Month}");
        Assert.Contains("/login", user.Url);

        // The admin cannot deactivate themselves: their own row has no button.
        Assert.Equal(0, await admin.Locator($"tr[data-user='{PortalApp.AdminUser}'] form").CountAsync());
        await user.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task RefusedForms_NameTheirField_AndKeepWhatWasTyped_AndAHeadIsChangedAndGivenBack()
    {
        var admin = await app.SignedInAsync("admin", PortalApp.AdminPassword, "en-US");
        await PageChecks.VisitAsync(admin, "/operations/users");
        await admin.Locator("#username").FillAsync("x");
        await admin.Locator("#email").FillAsync("someone@huacai.example");
        await admin.Locator("form[action$='handler=Create'] button").ClickAsync();
        await admin.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Contains("username:", await admin.Locator("p.notice.bad").InnerTextAsync());
        Assert.Equal("someone@huacai.example", await admin.Locator("#email").InputValueAsync());
        await PageChecks.NoSeriousViolationAsync(admin, "the users page after a refusal");

        // The finance department's head is changed to an employee of the demo staff, then given back.
        const string department = "FIN";
        var cell = admin.Locator($"tr[data-department='{department}'] td");
        var original = (await cell.InnerTextAsync()).Trim();
        await SetHeadAsync(admin, department, "NOBODY-1");
        Assert.Contains("employee_no:", await admin.Locator("p.notice.bad").InnerTextAsync());
        Assert.Equal(original, (await cell.InnerTextAsync()).Trim());

        await SetHeadAsync(admin, department, "HC0015");
        Assert.Equal("HC0015", (await cell.InnerTextAsync()).Trim());
        await SetHeadAsync(admin, department, original == "—" ? "" : original);
        Assert.Equal(original, (await cell.InnerTextAsync()).Trim());
        await admin.Context.CloseAsync();
    }

    private static async Task SetHeadAsync(IPage admin, string department, string employeeNo)
    {
        await admin.Locator("#code").SelectOptionAsync(department);
        await admin.Locator("#headEmployeeNo").FillAsync(employeeNo);
        await admin.Locator("form[action$='handler=Head'] button").ClickAsync();
        await admin.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}
