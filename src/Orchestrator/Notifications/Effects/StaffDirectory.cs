using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;

namespace Orchestrator.Notifications.Effects;

/// <summary>
/// Finds the staff to notify from the Identity tables of the command's own DbContext (so the lookup sees the same
/// transaction). Task assignees and candidate users are Identity user ids (a person's actor id is the
/// <c>NameIdentifier</c> claim, the user's id); a user name is accepted too, as BPMN files often name people that way.
/// Candidate groups are Identity roles. People without an address or locked out for good are left out.
/// </summary>
internal static class StaffDirectory
{
    public static async Task<StaffRecipient?> FindAsync(OrchestratorDbContext db, string idOrUserName, CancellationToken ct)
    {
        var normalised = idOrUserName.ToUpperInvariant();
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == idOrUserName || u.NormalizedUserName == normalised)
            .OrderBy(u => u.Id == idOrUserName ? 0 : 1)
            .Select(u => new { u.Id, u.Email, u.Language, u.LockoutEnd })
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return user is null || string.IsNullOrWhiteSpace(user.Email) || IsDisabled(user.LockoutEnd) ? null : new StaffRecipient(user.Id, user.Email, user.Language);
    }

    public static async Task<IReadOnlyList<StaffRecipient>> MembersOfAsync(OrchestratorDbContext db, IReadOnlyCollection<string> groups, CancellationToken ct)
    {
        if (groups.Count == 0)
        {
            return [];
        }

        var normalised = groups.Select(g => g.ToUpperInvariant()).ToList();
        var users = await (
                from role in db.Roles.AsNoTracking()
                join link in db.UserRoles.AsNoTracking() on role.Id equals link.RoleId
                join user in db.Users.AsNoTracking() on link.UserId equals user.Id
                where normalised.Contains(role.NormalizedName!)
                select new { user.Id, user.Email, user.Language, user.LockoutEnd })
            .ToListAsync(ct).ConfigureAwait(false);
        return [.. users.Where(u => !string.IsNullOrWhiteSpace(u.Email) && !IsDisabled(u.LockoutEnd))
            .DistinctBy(u => u.Id)
            .OrderBy(u => u.Id, StringComparer.Ordinal)
            .Select(u => new StaffRecipient(u.Id, u.Email!, u.Language))];
    }

    /// <summary>
    /// Which of <paramref name="addresses"/> belong to a member of staff (an account with that email): they may follow
    /// links into the service. Anyone else is outside it and gets no staff link.
    /// </summary>
    public static async Task<IReadOnlySet<string>> StaffAddressesAsync(OrchestratorDbContext db, IReadOnlyCollection<string> addresses, CancellationToken ct)
    {
        if (addresses.Count == 0)
        {
            return new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        var normalised = addresses.Select(a => a.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var found = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail != null && normalised.Contains(u.NormalizedEmail))
            .Select(u => u.NormalizedEmail!).ToListAsync(ct).ConfigureAwait(false);
        return addresses.Where(a => found.Contains(a.ToUpperInvariant(), StringComparer.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    // Identity disables an account by locking it out indefinitely; a temporary lockout (wrong passwords) still gets mail.
    private static bool IsDisabled(DateTimeOffset? lockoutEnd) => lockoutEnd is { } end && end.Year >= 9999;
}
