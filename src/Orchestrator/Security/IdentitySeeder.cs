using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Orchestrator.Hosting;

namespace Orchestrator.Security;

/// <summary>
/// Start-up work for Identity: every role of <see cref="Roles"/> exists; with demo accounts enabled (Development by
/// default) one account per role, named after the role, with a random password printed once to the console when it
/// is created (never logged, never printed again: the database keeps only the hash).
/// </summary>
internal sealed class IdentitySeeder(
    RoleManager<IdentityRole> roles,
    UserManager<StaffUser> users,
    IOptions<SecurityOptions> security,
    IHostEnvironment environment,
    StartupConsole console,
    ILogger<IdentitySeeder> logger)
{
    /// <summary>The e-mail domain of demo accounts.</summary>
    public const string DemoDomain = "demo.orchestrator.invalid";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role).ConfigureAwait(false))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)).ConfigureAwait(false), $"role {role}");
            }
        }

        if (!(security.Value.SeedDemoAccounts ?? environment.IsDevelopment()))
        {
            return;
        }

        var created = new List<(string UserName, string Role, string Password)>();
        foreach (var role in Roles.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await users.FindByNameAsync(role).ConfigureAwait(false) is not null)
            {
                continue;
            }

            var user = new StaffUser { UserName = role, Email = $"{role}@{DemoDomain}", EmailConfirmed = true };
            var password = NewPassword();
            Check(await users.CreateAsync(user, password).ConfigureAwait(false), $"demo account {role}");
            Check(await users.AddToRoleAsync(user, role).ConfigureAwait(false), $"role of demo account {role}");
            created.Add((role, role, password));
        }

        if (created.Count == 0)
        {
            return;
        }

        HostLog.DemoAccountsCreated(logger, created.Count);
        var width = created.Max(account => account.UserName.Length);
        console.WriteLine("Demo accounts (one per role; passwords are shown this once only):");
        foreach (var (userName, role, password) in created)
        {
            console.WriteLine($"  {userName.PadRight(width)}  role {role.PadRight(width)}  password {password}");
        }
    }

    /// <summary>A random password of 20 characters that meets Identity's rules (upper, lower, digit, symbol).</summary>
    /// <returns>The password.</returns>
    internal static string NewPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string digits = "23456789";
        const string all = upper + lower + digits;
        Span<char> chars = stackalloc char[20];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        // Fixed positions for the required classes, then dashes as the symbol: easy to read aloud and type.
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[5] = '-';
        chars[11] = '-';
        return new string(chars);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
