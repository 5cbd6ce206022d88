using Cronos;
using Kpi.Delivery.Mail;
using Kpi.Domain;
using Kpi.Domain.Access;
using Kpi.Domain.Organisation;
using Kpi.Domain.Periods;
using Kpi.Reporting.Models;
using Kpi.Storage.Accounts;
using Kpi.Storage.Delivery;

namespace Kpi.Delivery.Subscriptions;

/// <summary>A subscription that passed <see cref="SubscriptionRules"/>, with every default filled in.</summary>
internal sealed record SubscriptionDefinition(
    string Name, string Report, IReadOnlyList<RecipientDefinition> Recipients, string Language, IReadOnlyList<string> Attachments,
    string? Cron, string? TimeZone, bool Enabled);

internal sealed record RecipientDefinition(int? UserId, string? Email, string? Role, IReadOnlyList<string> Departments);

/// <summary>
/// The checks of a subscription, each problem naming its field (<c>recipients[1].user</c>). A recipient must be able to
/// read what the subscription sends: the executive summary ranks every department, so it goes only to roles that see the
/// whole company; department packs need a scope with at least one department. The same rules are applied again when
/// each mail is planned, since a user's role and departments may change after the subscription was saved.
/// </summary>
internal static class SubscriptionRules
{
    public const int MaxRecipients = 2000;

    /// <param name="users">The users the request names, by normalised (upper-case) user name.</param>
    public static (SubscriptionDefinition? Definition, List<FieldError> Problems) Validate(SubscriptionRequest? request,
        IReadOnlyDictionary<string, KpiUser> users, OrgTree tree, string companyZone)
    {
        var problems = new List<FieldError>();
        if (request is null) return (null, [new("body", "a subscription is required")]);

        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name)) problems.Add(new("name", "is required"));
        else if (name.Length > MailSubscription.MaxNameLength) problems.Add(new("name", $"must be at most {MailSubscription.MaxNameLength} characters"));
        else if (name.Any(char.IsControl)) problems.Add(new("name", "must not contain line breaks or control characters"));

        var report = request.Report?.Trim();
        if (string.IsNullOrEmpty(report)) problems.Add(new("report", $"is required: {string.Join(" or ", ReportKinds.All)}"));
        else if (!ReportKinds.All.Contains(report)) problems.Add(new("report", $"must be {string.Join(" or ", ReportKinds.All)} (got '{report}')"));

        var language = ReportLanguage.Zh;
        if (request.Language is not null && !ReportLanguages.TryParse(request.Language, out language))
            problems.Add(new("language", $"must be zh or en (got '{request.Language}')"));

        var attachments = Attachments(request.Attachments, report, problems);
        var (cron, zone) = Trigger(request.Trigger, companyZone, problems);
        var recipients = Recipients(request.Recipients, report, users, tree, problems);

        return problems.Count > 0
            ? (null, problems)
            : (new SubscriptionDefinition(name!, report!, recipients, language.Code(), attachments, cron, zone, request.Enabled ?? true), problems);
    }

    private static List<string> Attachments(IReadOnlyList<string?>? requested, string? report, List<FieldError> problems)
    {
        if (requested is null) return [AttachmentFormats.Pdf];
        var formats = new List<string>();
        for (var i = 0; i < requested.Count; i++)
        {
            var format = requested[i]?.Trim().ToLowerInvariant();
            var field = $"attachments[{i}]";
            if (format is null || !AttachmentFormats.All.Contains(format)) problems.Add(new(field, $"must be pdf or xlsx (got '{requested[i]}')"));
            else if (formats.Contains(format)) problems.Add(new(field, $"'{format}' is listed twice"));
            else if (report is not null && !AttachmentFormats.Of(report).Contains(format))
                problems.Add(new(field, $"the executive summary is a PDF: it has no {format}"));
            else formats.Add(format);
        }
        return AttachmentFormats.All.Where(formats.Contains).ToList();
    }

    private static (string? Cron, string? Zone) Trigger(TriggerRequest? trigger, string companyZone, List<FieldError> problems)
    {
        if (trigger is null || (trigger.Cron is null && trigger.TimeZone is null))
        {
            if (trigger?.AfterClose == false) problems.Add(new("trigger", "say when to send: {\"after_close\": true} or {\"cron\": \"0 9 5 * *\", \"time_zone\": \"Asia/Shanghai\"}"));
            return (null, null);
        }
        if (trigger.AfterClose == true)
        {
            problems.Add(new("trigger", "is either after_close or a cron, not both"));
            return (null, null);
        }
        var cron = trigger.Cron?.Trim();
        if (string.IsNullOrEmpty(cron)) problems.Add(new("trigger.cron", "is required with a time zone, e.g. \"0 9 5 * *\" (09:00 on the 5th)"));
        else
        {
            try
            {
                var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
                CronExpression.Parse(cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            }
            catch (CronFormatException e)
            {
                problems.Add(new("trigger.cron", $"'{cron}' is not a cron expression: {e.Message}"));
            }
        }
        var zone = string.IsNullOrWhiteSpace(trigger.TimeZone) ? companyZone : trigger.TimeZone.Trim();
        try
        {
            zone = CompanyTimeZone.FromId(zone).Id;
        }
        catch (DomainException)
        {
            problems.Add(new("trigger.time_zone", $"'{zone}' is not a time zone this host knows (an IANA id such as Asia/Shanghai)"));
        }
        return (cron, zone);
    }

    private static List<RecipientDefinition> Recipients(IReadOnlyList<RecipientRequest?>? requested, string? report,
        IReadOnlyDictionary<string, KpiUser> users, OrgTree tree, List<FieldError> problems)
    {
        var recipients = new List<RecipientDefinition>();
        if (requested is null || requested.Count == 0)
        {
            problems.Add(new("recipients", "name at least one recipient: {\"user\": \"ceo\"} or {\"email\", \"role\", \"departments\"}"));
            return recipients;
        }
        if (requested.Count > MaxRecipients)
        {
            problems.Add(new("recipients", $"at most {MaxRecipients:N0} recipients (got {requested.Count:N0})"));
            return recipients;
        }

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < requested.Count; i++)
        {
            var field = $"recipients[{i}]";
            var r = requested[i];
            if (r is null || (r.User is null) == (r.Email is null))
            {
                problems.Add(new(field, "is either {\"user\": name} or {\"email\", \"role\", \"departments\"}"));
                continue;
            }
            var before = problems.Count;
            var (definition, address, who, role, scope) = r.User is not null
                ? User(r, field, users, tree, problems)
                : Address(r, field, tree, problems);
            if (problems.Count > before || definition is null) continue;

            if (report == ReportKinds.ExecutiveSummary && !scope!.WholeCompany)
                problems.Add(new(who, $"{Describe(r, role!)} may not receive the executive summary: it ranks every department, so it goes only to " +
                                      $"{string.Join(", ", Roles.All.Where(Roles.SeesWholeCompany))}"));
            else if (report == ReportKinds.DepartmentPacks && !scope!.WholeCompany && !scope.Roots.Any(tree.Contains))
                problems.Add(new(who, $"{Describe(r, role!)} may see no department's pack"));
            else if (seen.TryGetValue(address!, out var first))
                problems.Add(new(field, $"'{address}' is already recipients[{first}]"));
            else
            {
                seen[address!] = i;
                recipients.Add(definition);
            }
        }
        return recipients;
    }

    private static (RecipientDefinition?, string?, string, string?, AccessScope?) User(RecipientRequest r, string field,
        IReadOnlyDictionary<string, KpiUser> users, OrgTree tree, List<FieldError> problems)
    {
        var who = $"{field}.user";
        if (r.Role is not null || r.Departments is not null)
            problems.Add(new(field, "a user recipient takes the user's own role and departments: give only \"user\""));
        if (!users.TryGetValue(r.User!.Trim().ToUpperInvariant(), out var user))
        {
            problems.Add(new(who, $"there is no user '{r.User}'"));
            return (null, null, who, null, null);
        }
        if (user.DeactivatedAt is not null) problems.Add(new(who, $"'{user.UserName}' is deactivated"));
        else if (string.IsNullOrWhiteSpace(user.Email))
            problems.Add(new(who, $"'{user.UserName}' has no email address: set one with PUT /api/users/{user.Id}"));
        var scope = AccessScope.For(user.Role, user.DepartmentList, user.EmployeeNo, tree);
        return (new RecipientDefinition(user.Id, null, null, []), user.Email?.Trim(), who, user.Role, scope);
    }

    private static (RecipientDefinition?, string?, string, string?, AccessScope?) Address(RecipientRequest r, string field, OrgTree tree,
        List<FieldError> problems)
    {
        var email = r.Email!.Trim();
        if (MailAddresses.Problem($"{field}.email", email) is { } bad) problems.Add(bad);
        var role = r.Role?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(role) || !Roles.All.Contains(role))
        {
            problems.Add(new($"{field}.role", $"must be one of {string.Join(", ", Roles.All)} (got '{r.Role}')"));
            return (null, null, $"{field}.role", null, null);
        }
        var departments = new List<string>();
        var requested = r.Departments ?? [];
        if (role != Roles.Manager && requested.Count > 0)
            problems.Add(new($"{field}.departments", $"only a manager is given departments: the {role} role sees " +
                                                     (Roles.SeesWholeCompany(role) ? "the whole company" : "no department")));
        for (var j = 0; j < requested.Count; j++)
        {
            var code = requested[j]?.Trim();
            if (string.IsNullOrEmpty(code) || !tree.Contains(code)) problems.Add(new($"{field}.departments[{j}]", $"there is no department '{code}'"));
            else if (!departments.Contains(code)) departments.Add(code);
        }
        if (role == Roles.Manager && requested.Count == 0)
            problems.Add(new($"{field}.departments", "a manager recipient needs the departments whose packs they may read"));
        var address = MailAddresses.Problem("", email) is null ? MailAddresses.Parse(email).Address : email;
        return (new RecipientDefinition(null, email, role, departments), address, $"{field}.role", role,
            AccessScope.For(role, departments, null, tree));
    }

    private static string Describe(RecipientRequest r, string role) => r.User is not null ? $"'{r.User}' ({role})" : $"'{r.Email}' ({role})";
}
