using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;

namespace Orchestrator.Cases.CaseFiles;

/// <summary>
/// The names people are shown by: history rows, tasks and case rows hold Identity user ids (or, for a reference
/// educator, often a user name); pages show the person's display name, else their user name. Program ids
/// (<c>apikey:NAME</c>) and <c>system</c> stay as they are.
/// </summary>
internal static class StaffNames
{
    /// <summary>The display name of each user id or user name in <paramref name="keys"/> (unknown keys map to themselves).</summary>
    /// <param name="db">The context.</param>
    /// <param name="keys">User ids or user names.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Key → name.</returns>
    public static async Task<Dictionary<string, string>> ResolveAsync(OrchestratorDbContext db, IEnumerable<string?> keys, CancellationToken ct)
    {
        var list = keys.Where(k => !string.IsNullOrEmpty(k)).Select(k => k!).Distinct(StringComparer.Ordinal).ToList();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (list.Count == 0)
        {
            return result;
        }

        var normalised = list.Select(k => k.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => list.Contains(u.Id) || normalised.Contains(u.NormalizedUserName!))
            .Select(u => new { u.Id, u.UserName, u.NormalizedUserName, u.DisplayName })
            .ToListAsync(ct).ConfigureAwait(false);
        foreach (var key in list)
        {
            var user = users.FirstOrDefault(u => u.Id == key) ?? users.FirstOrDefault(u => string.Equals(u.NormalizedUserName, key.ToUpperInvariant(), StringComparison.Ordinal));
            result[key] = user is null ? key : !string.IsNullOrWhiteSpace(user.DisplayName) ? user.DisplayName : user.UserName ?? key;
        }

        return result;
    }
}
