using Kpi.Domain.Organisation;

namespace Kpi.Domain.Access;

/// <summary>
/// Which departments' figures someone may see: the whole company, or the subtrees of some departments (a manager's
/// named departments and the departments they head), or nothing at all. One rule for every route a figure can travel:
/// the API, packs, mails and pages all ask <see cref="CanSee"/>.
/// </summary>
public sealed record AccessScope
{
    private AccessScope(bool wholeCompany, IReadOnlyList<string> roots)
    {
        WholeCompany = wholeCompany;
        Roots = roots;
    }

    public static AccessScope Company { get; } = new(true, []);

    public static AccessScope Nothing { get; } = new(false, []);

    /// <summary>
    /// The scope of a role: admins, HR and executives see the whole company; a manager the departments named on them and
    /// every department whose head is their employee, with descendants; anyone else (an employee) no department.
    /// </summary>
    public static AccessScope For(string role, IEnumerable<string> named, string? employeeNo, OrgTree tree)
    {
        if (Roles.SeesWholeCompany(role)) return Company;
        if (role != Roles.Manager) return Nothing;
        return Subtrees(named.Concat(Headed(employeeNo, tree)));
    }

    /// <summary>The departments whose head is the employee.</summary>
    public static IEnumerable<string> Headed(string? employeeNo, OrgTree tree) =>
        employeeNo is null ? [] : tree.All.Where(d => d.HeadEmployeeNo == employeeNo).Select(d => d.Code);

    /// <summary>The departments named and everything below them.</summary>
    public static AccessScope Subtrees(IEnumerable<string> roots) => new(false, roots.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());

    public bool WholeCompany { get; }

    /// <summary>The departments whose subtrees are in scope, as given (a code no longer in the tree grants nothing).</summary>
    public IReadOnlyList<string> Roots { get; }

    public bool CanSee(OrgTree tree, string department) =>
        WholeCompany || (tree.Contains(department) && Roots.Any(root => tree.Contains(root) && tree.IsInSubtree(department, root)));

    /// <summary>
    /// The top departments in scope: the tree's roots for the whole company, else the roots given that no other root
    /// given contains.
    /// </summary>
    public IReadOnlyList<Department> TopDepartments(OrgTree tree) => WholeCompany
        ? tree.Roots.ToList()
        : Roots.Where(tree.Contains)
            .Where(d => !Roots.Any(o => o != d && tree.Contains(o) && tree.IsInSubtree(d, o)))
            .Select(tree.Get).ToList();

    public bool Equals(AccessScope? other) => other is not null && WholeCompany == other.WholeCompany && Roots.SequenceEqual(other.Roots);

    public override int GetHashCode() => HashCode.Combine(WholeCompany, string.Join(',', Roots));
}
