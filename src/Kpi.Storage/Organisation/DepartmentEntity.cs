namespace Kpi.Storage.Organisation;

/// <summary>A stored department. Records refer to it by <see cref="Id"/>; everything outside storage by <see cref="Code"/>.</summary>
public sealed class DepartmentEntity
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? ParentCode { get; set; }

    /// <summary>The employee_no of the department's head: its manager and its members' appraiser.</summary>
    public string? HeadEmployeeNo { get; set; }
    public DateTime ChangedAt { get; set; }
}
