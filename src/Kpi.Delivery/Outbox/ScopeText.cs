using Kpi.Domain.Access;

namespace Kpi.Delivery.Outbox;

/// <summary>
/// An <see cref="AccessScope"/> as an outbox row keeps it: <c>*</c> for the whole company, else the department codes
/// whose subtrees are in scope, comma-separated (empty: no department). A scope is entirely these two things, so the row
/// gives back the very scope the recipient had when the mail was planned.
/// </summary>
public static class ScopeText
{
    public const string Company = "*";

    public static string Format(AccessScope scope) => scope.WholeCompany ? Company : string.Join(',', scope.Roots);

    public static AccessScope Parse(string text) => text == Company
        ? AccessScope.Company
        : text.Length == 0 ? AccessScope.Nothing : AccessScope.Subtrees(text.Split(',', StringSplitOptions.RemoveEmptyEntries));
}
