using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;

namespace Orchestrator.Security;

/// <summary>
/// Who a user id is, in words: the workflow core records people by their account id, and pages, the API's conflicts
/// and the history show them by name (the account's display name, else its user name). Also the colleagues a
/// coordinator may hand a task to.
/// </summary>
public sealed class StaffDirectory(OrchestratorDbContext db, TimeProvider time)
{
    /// <summary>The names of the given user ids that are staff accounts (ids of programs and the system are left out).</summary>
    /// <param name="ids">User ids (nulls and repeats are ignored).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Name by id.</returns>
    public Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string?> ids, CancellationToken ct) => NamesAsync(db, ids, ct);

    /// <summary>The name of one user id in words (see <see cref="Describe"/>), or <c>null</c> for <c>null</c>.</summary>
    /// <param name="id">The user id.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The name.</returns>
    public async Task<string?> NameAsync(string? id, CancellationToken ct) =>
        id is null ? null : Describe(id, await NamesAsync(db, [id], ct).ConfigureAwait(false));

    /// <summary>
    /// The people a task can be handed to: unlocked staff accounts holding a casework role, by name. A task need not
    /// name their group: a coordinator decides who does it.
    /// </summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The colleagues, by name.</returns>
    public async Task<IReadOnlyList<Colleague>> ColleaguesAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var casework = Roles.CareStaff.ToList();
        var rows = await (from u in db.Users.AsNoTracking()
                          join ur in db.UserRoles.AsNoTracking() on u.Id equals ur.UserId
                          join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
                          where r.Name != null && casework.Contains(r.Name)
                          select new { u.Id, u.DisplayName, u.UserName, u.LockoutEnd, Role = r.Name! })
            .ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.Where(r => r.LockoutEnd is null || r.LockoutEnd <= now)
            .GroupBy(r => r.Id, StringComparer.Ordinal)
            .Select(g => new Colleague(g.Key, NameOf(g.First().DisplayName, g.First().UserName, g.Key), [.. g.Select(r => r.Role).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))
            .OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>The names of the given user ids that are staff accounts.</summary>
    /// <param name="db">The database.</param>
    /// <param name="ids">User ids (nulls and repeats are ignored).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Name by id.</returns>
    public static async Task<IReadOnlyDictionary<string, string>> NamesAsync(OrchestratorDbContext db, IEnumerable<string?> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.OfType<string>().Where(id => !id.Contains(':', StringComparison.Ordinal) && id != Workflows.Actor.System.Id)
            .Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var rows = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.UserName })
            .ToListAsync(ct).ConfigureAwait(false);
        return rows.ToDictionary(u => u.Id, u => NameOf(u.DisplayName, u.UserName, u.Id), StringComparer.Ordinal);
    }

    /// <summary>
    /// A user id in words: a staff account's name; a program's key name (<c>apikey:etl</c> → <c>etl</c>); an outside
    /// recipient's address; otherwise the id itself (the system, an account since deleted).
    /// </summary>
    /// <param name="id">The user id.</param>
    /// <param name="names">The names <see cref="NamesAsync(IEnumerable{string}, CancellationToken)"/> found.</param>
    /// <returns>The words.</returns>
    public static string Describe(string id, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(names);
        if (names.TryGetValue(id, out var name))
        {
            return name;
        }

        var colon = id.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < id.Length - 1 ? id[(colon + 1)..] : id;
    }

    private static string NameOf(string? displayName, string? userName, string id) =>
        !string.IsNullOrWhiteSpace(displayName) ? displayName : !string.IsNullOrWhiteSpace(userName) ? userName : id;
}
