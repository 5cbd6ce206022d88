namespace Kpi.Storage.Access;

/// <summary>
/// An API key. Only a SHA-256 hash of the secret is stored (keys are 256 random bits, so a fast hash is enough);
/// <see cref="Prefix"/> identifies a key in lists without revealing it.
/// </summary>
public sealed class ApiKeyEntity
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    /// <summary>Department codes a manager key is scoped to, comma-separated; empty for other roles.</summary>
    public string Departments { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public string Prefix { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? RevokedAt { get; set; }
}
