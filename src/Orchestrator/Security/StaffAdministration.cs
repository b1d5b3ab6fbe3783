using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Security;

/// <summary>
/// Staff accounts for administrators: create, list, change roles, reset a password, lock and unlock; and a person's own
/// password change. Every change is a row of the audit trail (<c>history</c>: who, when, which account, what).
/// Bad input is an <see cref="ArgumentException"/> naming the field (400) and changes nothing.
/// </summary>
public sealed class StaffAdministration(UserManager<StaffUser> users, OrchestratorDbContext db, TimeProvider time)
{
    /// <summary>Every account, by user name.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken ct)
    {
        var accounts = await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct).ConfigureAwait(false);
        var roles = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           select new { userRole.UserId, role.Name }).ToListAsync(ct).ConfigureAwait(false);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!, StringComparer.Ordinal);
        return [.. accounts.Select(u => View(u, [.. byUser[u.Id].Order(StringComparer.Ordinal)]))];
    }

    /// <summary>Creates an account with its roles and first password.</summary>
    /// <param name="request">The account.</param>
    /// <param name="actor">The administrator.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ArgumentException">A field is missing or wrong (named in the message).</exception>
    /// <exception cref="WorkflowConflictException">The user name is taken.</exception>
    public async Task<StaffAccount> CreateAsync(NewStaffAccount request, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            throw new ArgumentException("userName is required.");
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            throw new ArgumentException("password is required (at least 12 characters).");
        }

        var roles = CheckRoles(request.Roles);
        if (request.Email is { Length: > 0 } email && !Notifications.EmailAddresses.IsPlain(email))
        {
            throw new ArgumentException($"email '{email}' is not a plain email address.");
        }

        if (await users.FindByNameAsync(request.UserName).ConfigureAwait(false) is not null)
        {
            throw new WorkflowConflictException($"userName '{request.UserName}' is taken.");
        }

        var user = new StaffUser { UserName = request.UserName, Email = string.IsNullOrEmpty(request.Email) ? null : request.Email, EmailConfirmed = true };

        // The account, its roles and the audit row commit together (UserManager saves through this same scoped context).
        await InTransactionAsync(async () =>
        {
            Check(await users.CreateAsync(user, request.Password).ConfigureAwait(false), "userName or password");
            Check(await users.AddToRolesAsync(user, roles).ConfigureAwait(false), "roles");
            await AuditAsync("StaffAccountCreated", user.Id, actor, new JsonObject { ["userName"] = user.UserName, ["roles"] = Roles(roles) }, ct).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        return View(user, roles);
    }

    /// <summary>Replaces an account's roles.</summary>
    /// <param name="id">The account id.</param>
    /// <param name="roles">The new roles (at least one).</param>
    /// <param name="actor">The administrator.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<StaffAccount> SetRolesAsync(string id, IReadOnlyList<string>? roles, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await FindAsync(id).ConfigureAwait(false);
        var wanted = CheckRoles(roles);
        if (user.Id == actor.Id && !wanted.Contains(Security.Roles.Admin))
        {
            throw new WorkflowConflictException("An administrator cannot take the admin role from their own account; another administrator can.");
        }

        await InTransactionAsync(async () =>
        {
            var current = await users.GetRolesAsync(user).ConfigureAwait(false);
            Check(await users.RemoveFromRolesAsync(user, current.Except(wanted, StringComparer.Ordinal)).ConfigureAwait(false), "roles");
            Check(await users.AddToRolesAsync(user, wanted.Except(current, StringComparer.Ordinal)).ConfigureAwait(false), "roles");

            // A new security stamp signs the person out within a minute, so the new roles apply at their next sign-in.
            Check(await users.UpdateSecurityStampAsync(user).ConfigureAwait(false), "roles");
            await AuditAsync("StaffRolesChanged", user.Id, actor, new JsonObject { ["from"] = Roles(current), ["to"] = Roles(wanted) }, ct).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        return View(user, wanted);
    }

    /// <summary>Sets a new password for an account (a person who forgot theirs) and lifts a lockout.</summary>
    /// <param name="id">The account id.</param>
    /// <param name="password">The new password.</param>
    /// <param name="actor">The administrator.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task ResetPasswordAsync(string id, string? password, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await FindAsync(id).ConfigureAwait(false);
        if (string.IsNullOrEmpty(password))
        {
            throw new ArgumentException("password is required (at least 12 characters).");
        }

        foreach (var validator in users.PasswordValidators)
        {
            Check(await validator.ValidateAsync(users, user, password).ConfigureAwait(false), "password");
        }

        await InTransactionAsync(async () =>
        {
            Check(await users.RemovePasswordAsync(user).ConfigureAwait(false), "password");
            Check(await users.AddPasswordAsync(user, password).ConfigureAwait(false), "password");
            Check(await users.SetLockoutEndDateAsync(user, null).ConfigureAwait(false), "password");
            Check(await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false), "password");
            await AuditAsync("StaffPasswordReset", user.Id, actor, null, ct).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Locks an account (a person who left) or unlocks it.</summary>
    /// <param name="id">The account id.</param>
    /// <param name="locked">Lock (<c>true</c>) or unlock.</param>
    /// <param name="actor">The administrator.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<StaffAccount> SetLockedAsync(string id, bool locked, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await FindAsync(id).ConfigureAwait(false);
        if (locked && user.Id == actor.Id)
        {
            throw new WorkflowConflictException("An administrator cannot lock their own account.");
        }

        await InTransactionAsync(async () =>
        {
            Check(await users.SetLockoutEnabledAsync(user, true).ConfigureAwait(false), "locked");
            Check(await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null).ConfigureAwait(false), "locked");

            // Locking signs the person out within a minute (new security stamp); unlocking forgets the failed sign-ins.
            Check(locked ? await users.UpdateSecurityStampAsync(user).ConfigureAwait(false) : await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false), "locked");
            await AuditAsync(locked ? "StaffLocked" : "StaffUnlocked", user.Id, actor, null, ct).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        return View(user, [.. (await users.GetRolesAsync(user).ConfigureAwait(false)).Order(StringComparer.Ordinal)]);
    }

    /// <summary>A person changes their own password.</summary>
    /// <param name="actor">The signed-in person.</param>
    /// <param name="currentPassword">The password they signed in with.</param>
    /// <param name="newPassword">The new one.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task ChangeOwnPasswordAsync(Actor actor, string? currentPassword, string? newPassword, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await users.FindByIdAsync(actor.Id).ConfigureAwait(false)
            ?? throw new WorkflowForbiddenException("Only a person signed in with an account can change its password (an API key has none).");
        if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword))
        {
            throw new ArgumentException("currentPassword and newPassword are required.");
        }

        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword).ConfigureAwait(false);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            throw new ArgumentException("currentPassword is not the account's password.");
        }

        Check(result, "newPassword");
        await AuditAsync("StaffPasswordChanged", user.Id, actor, null, ct).ConfigureAwait(false);
    }

    private async Task InTransactionAsync(Func<Task> body, CancellationToken ct)
    {
        var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            await body().ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
    }

    private async Task<StaffUser> FindAsync(string id) =>
        await users.FindByIdAsync(id).ConfigureAwait(false) ?? throw new WorkflowNotFoundException($"No staff account '{id}'.");

    private static List<string> CheckRoles(IReadOnlyList<string>? roles)
    {
        if (roles is null || roles.Count == 0)
        {
            throw new ArgumentException($"roles needs at least one of: {string.Join(", ", Security.Roles.All)}.");
        }

        if (roles.FirstOrDefault(r => !Security.Roles.IsKnown(r)) is { } unknown)
        {
            throw new ArgumentException($"roles: '{unknown}' is not a role; the roles are {string.Join(", ", Security.Roles.All)}.");
        }

        return [.. roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded)
        {
            throw new ArgumentException($"{field}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    private static JsonArray Roles(IEnumerable<string> roles) => [.. roles.Order(StringComparer.Ordinal).Select(r => (JsonNode)r)];

    private async Task AuditAsync(string type, string accountId, Actor actor, JsonObject? detail, CancellationToken ct)
    {
        db.History.Add(new HistoryRecord { At = time.GetUtcNow(), Type = type, ItemId = accountId, UserId = actor.Id, Detail = detail?.ToJsonString() });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private StaffAccount View(StaffUser user, IReadOnlyList<string> roles) =>
        new(user.Id, user.UserName ?? "", user.Email, roles, user.LockoutEnd is { } end && end > time.GetUtcNow() ? end : null);
}
