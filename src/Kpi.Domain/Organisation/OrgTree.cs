namespace Kpi.Domain.Organisation;

/// <summary>
/// The company's departments as a tree (or a forest). Built once from a flat list, validated: codes are unique,
/// every parent exists and there is no cycle. A department's <em>subtree</em> is itself and all its descendants —
/// the set of departments whose records a metric of that department is computed over.
/// </summary>
public sealed class OrgTree
{
    private readonly Dictionary<string, Department> _byCode;
    private readonly Dictionary<string, List<string>> _children;

    public OrgTree(IEnumerable<Department> departments)
    {
        _byCode = new Dictionary<string, Department>(StringComparer.Ordinal);
        foreach (var d in departments)
        {
            if (!_byCode.TryAdd(d.Code, d))
                throw new DomainException($"Department '{d.Code}' appears twice.", "code");
        }

        _children = _byCode.Keys.ToDictionary(c => c, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var d in _byCode.Values.OrderBy(d => d.Code, StringComparer.Ordinal))
        {
            if (d.ParentCode is null) continue;
            if (!_children.TryGetValue(d.ParentCode, out var siblings))
                throw new DomainException($"Department '{d.Code}' names parent '{d.ParentCode}', which does not exist.", "parent_code");
            siblings.Add(d.Code);
        }

        foreach (var d in _byCode.Values)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { d.Code };
            for (var p = d.ParentCode; p is not null; p = _byCode[p].ParentCode)
            {
                if (!seen.Add(p))
                    throw new DomainException($"Department '{d.Code}' is its own ancestor (cycle through '{p}').", "parent_code");
            }
        }
    }

    public static OrgTree Empty { get; } = new([]);

    public IReadOnlyCollection<Department> All => _byCode.Values;

    public IEnumerable<Department> Roots => _byCode.Values.Where(d => d.ParentCode is null).OrderBy(d => d.Code, StringComparer.Ordinal);

    public bool Contains(string code) => _byCode.ContainsKey(code);

    public Department Get(string code) =>
        _byCode.TryGetValue(code, out var d) ? d : throw new KeyNotFoundException($"Unknown department '{code}'.");

    public Department? Find(string code) => _byCode.GetValueOrDefault(code);

    public IReadOnlyList<Department> Children(string code) => _children[code].Select(c => _byCode[c]).ToList();

    /// <summary>The department and all its descendants, depth first, the department itself first.</summary>
    public IReadOnlyList<string> Subtree(string code)
    {
        if (!_byCode.ContainsKey(code)) throw new KeyNotFoundException($"Unknown department '{code}'.");
        var result = new List<string>();
        var stack = new Stack<string>();
        stack.Push(code);
        while (stack.Count > 0)
        {
            var c = stack.Pop();
            result.Add(c);
            for (var i = _children[c].Count - 1; i >= 0; i--) stack.Push(_children[c][i]);
        }
        return result;
    }

    /// <summary>The parent, grandparent, … up to the root, nearest first.</summary>
    public IReadOnlyList<string> Ancestors(string code)
    {
        var result = new List<string>();
        for (var p = Get(code).ParentCode; p is not null; p = _byCode[p].ParentCode) result.Add(p);
        return result;
    }

    /// <summary>True when <paramref name="code"/> is <paramref name="ancestor"/> or one of its descendants.</summary>
    public bool IsInSubtree(string code, string ancestor) =>
        code == ancestor || (Contains(code) && Ancestors(code).Contains(ancestor));

    /// <summary>Departments with the same parent (the peers a department is ranked against), itself included.</summary>
    public IReadOnlyList<Department> Peers(string code)
    {
        var parent = Get(code).ParentCode;
        return parent is null ? Roots.ToList() : Children(parent);
    }

    public int Depth(string code) => Ancestors(code).Count;
}
