using System.Text.RegularExpressions;

namespace Kpi.Domain.Organisation;

/// <summary>
/// A department of the company. <see cref="ParentCode"/> is null for the root(s) of the org tree;
/// <see cref="HeadEmployeeNo"/> names the employee who heads it (its manager, and its members' appraiser), if any.
/// Codes are short, case-sensitive identifiers: see <see cref="CodeRule"/>.
/// </summary>
public sealed partial record Department
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 100;

    public const int MaxEmployeeNoLength = 64;

    public Department(string code, string name, string? parentCode = null, string? headEmployeeNo = null)
    {
        if (!IsValidCode(code))
            throw new DomainException($"Department code '{code}' is not valid: use {CodeRule}.", "code");
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
            throw new DomainException($"Department name must be 1–{MaxNameLength} characters.", "name");
        if (parentCode is not null && !IsValidCode(parentCode))
            throw new DomainException($"Parent code '{parentCode}' is not valid.", "parent_code");
        if (parentCode == code)
            throw new DomainException($"Department '{code}' cannot be its own parent.", "parent_code");
        if (headEmployeeNo is not null && !IsValidEmployeeNo(headEmployeeNo))
            throw new DomainException($"Head '{headEmployeeNo}' is not an employee number: 1–{MaxEmployeeNoLength} printable characters.", "head_employee_no");
        Code = code;
        Name = name.Trim();
        ParentCode = parentCode;
        HeadEmployeeNo = headEmployeeNo;
    }

    public string Code { get; }
    public string Name { get; }
    public string? ParentCode { get; }
    public string? HeadEmployeeNo { get; }

    public static bool IsValidEmployeeNo(string? employeeNo) =>
        employeeNo is { Length: > 0 and <= MaxEmployeeNoLength } && employeeNo.Trim() == employeeNo && !employeeNo.Any(char.IsControl);

    /// <summary>What a code may be, in words for error messages.</summary>
    public const string CodeRule = "1–32 letters, digits, '_', '-' or '.', starting with a letter or digit";

    /// <summary>
    /// Whether a code is a safe identifier. It starts with an ASCII letter or digit, so no code is <c>.</c> or
    /// <c>..</c> (codes go into the names of pack files and archive entries), a hidden name, or text that Excel would read as a
    /// formula (<c>-1+1</c>) when a code is written into a sheet; after that, letters, digits, <c>_</c>, <c>-</c> and <c>.</c>.
    /// </summary>
    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(code);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,31}$")]
    private static partial Regex CodePattern();
}
