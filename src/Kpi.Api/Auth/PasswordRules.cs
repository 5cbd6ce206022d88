using Kpi.Storage.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Kpi.Api.Auth;

/// <summary>
/// Beyond length: a password may not be the user name or contain it, nor one of the passwords every guessing list
/// starts with.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<KpiUser>
{
    public const int MinLength = 10;

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "1234567890", "12345678910", "0123456789", "qwertyuiop", "1q2w3e4r5t", "password123", "password12", "passw0rd123", "qwerty1234",
        "iloveyou12", "1111111111", "0000000000", "abcdefghij", "a123456789", "woaini1314", "5201314520", "qazwsxedcr", "administrator",
        "changeme123", "welcome123", "letmein123",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<KpiUser> manager, KpiUser user, string? password)
    {
        if (password is null) return Task.FromResult(IdentityResult.Success);
        var name = user.UserName ?? "";
        if (name.Length >= 3 && password.Contains(name, StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordContainsUserName", Description = "must not contain the user name" }));
        if (Common.Contains(password))
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = "is one of the most common passwords" }));
        return Task.FromResult(IdentityResult.Success);
    }
}
