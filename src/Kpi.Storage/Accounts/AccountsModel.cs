using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kpi.Storage.Accounts;

/// <summary>The tables of people signing in: Identity's users, claims, logins and tokens, the sessions, and Data Protection's keys.</summary>
internal static class AccountsModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<KpiUser>(e =>
        {
            e.ToTable("users");
            e.Property(u => u.DisplayName).HasMaxLength(KpiUser.MaxDisplayNameLength);
            e.Property(u => u.Role).HasMaxLength(16);
            e.Property(u => u.Departments).HasMaxLength(2000);
            e.Property(u => u.EmployeeNo).HasMaxLength(64);
            e.Property(u => u.CreatedBy).HasMaxLength(200);
            e.HasIndex(u => u.EmployeeNo);
        });
        model.Entity<IdentityUserClaim<int>>().ToTable("user_claims");
        model.Entity<IdentityUserLogin<int>>().ToTable("user_logins");
        model.Entity<IdentityUserToken<int>>().ToTable("user_tokens");
        model.Entity<UserSession>(e =>
        {
            e.ToTable("user_sessions");
            e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.AccessTokenHash).HasMaxLength(64);
            e.Property(s => s.RefreshTokenHash).HasMaxLength(64);
            e.Property(s => s.PreviousRefreshTokenHash).HasMaxLength(64);
            e.Property(s => s.Address).HasMaxLength(64);
            e.Property(s => s.RevokedReason).HasMaxLength(200);
            e.HasIndex(s => s.AccessTokenHash).IsUnique();
            e.HasIndex(s => s.RefreshTokenHash).IsUnique();
            e.HasIndex(s => s.PreviousRefreshTokenHash);
            e.HasIndex(s => new { s.UserId, s.RevokedAt });
        });
        model.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }
}
