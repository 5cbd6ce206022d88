using Kpi.Delivery.Mail;
using Kpi.Domain.Access;
using Kpi.Domain.Organisation;
using Kpi.Storage.Accounts;
using Kpi.Storage.Delivery;

namespace Kpi.Delivery.Subscriptions;

/// <summary>
/// A recipient as they are when a mail is planned: the key that identifies them within the subscription, where the mail
/// goes, and what they may see — or why they cannot get it (<see cref="Problem"/>).
/// </summary>
public sealed record ResolvedRecipient(string Key, string Address, string? DisplayName, string Role, AccessScope Scope, string? Problem);

/// <summary>
/// Resolves a subscription's recipients into addresses and scopes at the moment a mail is planned. A user's scope is
/// computed from the user as they are now — <c>AccessScope.For(role, named departments, employee no, tree)</c>, so a
/// manager also sees the departments they head — never from whoever made the subscription.
/// </summary>
public static class RecipientScopes
{
    public static string UserKey(int userId) => $"user:{userId}";

    public static string AddressKey(string address) => $"email:{address.ToLowerInvariant()}";

    /// <param name="users">The users the subscription names, by id.</param>
    public static ResolvedRecipient Resolve(SubscriptionRecipient recipient, IReadOnlyDictionary<int, KpiUser> users, OrgTree tree)
    {
        if (recipient.UserId is { } id)
        {
            var key = UserKey(id);
            if (!users.TryGetValue(id, out var user)) return new(key, "", null, "", AccessScope.Nothing, $"user {id} no longer exists");
            var scope = AccessScope.For(user.Role, user.DepartmentList, user.EmployeeNo, tree);
            var name = user.DisplayName is { Length: > 0 } d ? d : user.UserName;
            if (user.DeactivatedAt is not null) return new(key, user.Email ?? "", name, user.Role, scope, $"'{user.UserName}' is deactivated");
            if (string.IsNullOrWhiteSpace(user.Email) || MailAddresses.Problem("email", user.Email) is not null)
                return new(key, user.Email ?? "", name, user.Role, scope, $"'{user.UserName}' has no usable email address");
            return new(key, user.Email.Trim(), name, user.Role, scope, null);
        }

        var mailbox = MailAddresses.Parse(recipient.Email!);
        var role = recipient.Role ?? "";
        return new(AddressKey(mailbox.Address), mailbox.Address, mailbox.Name is { Length: > 0 } n ? n : null, role,
            AccessScope.For(role, recipient.DepartmentList, null, tree), null);
    }
}
