using Orchestrator.Security;

namespace Orchestrator.Web.Administration.Staff;

/// <summary>The roles an administrator can give, in the order the pages offer them (care staff first).</summary>
public static class RoleChoices
{
    /// <summary>Every role.</summary>
    public static IReadOnlyList<string> All => Roles.All;

    /// <summary>The roles of a form post that are roles of the service (anything else is dropped).</summary>
    /// <param name="posted">The posted values.</param>
    /// <returns>The known roles, in <see cref="All"/> order.</returns>
    public static List<string> Known(IEnumerable<string>? posted)
    {
        var set = (posted ?? []).ToHashSet(StringComparer.Ordinal);
        return [.. All.Where(set.Contains)];
    }
}
