using Orchestrator.Security;

namespace Orchestrator.Web.Supervision;

/// <summary>
/// The people the supervision pages name: user ids (as tasks, history and audit rows keep them) shown as user names.
/// An id of no account (a program's <c>apikey:NAME</c>, <c>system</c>) is shown as it is.
/// </summary>
public sealed class StaffNames
{
    private readonly Dictionary<string, string> _names;

    private StaffNames(IEnumerable<StaffAccount> accounts) =>
        _names = accounts.ToDictionary(a => a.Id, a => a.UserName, StringComparer.Ordinal);

    /// <summary>Every account, by user name (for a choice of person).</summary>
    public IReadOnlyList<StaffAccount> Accounts { get; private init; } = [];

    /// <summary>Reads the accounts through <see cref="StaffAdministration"/>.</summary>
    /// <param name="staff">The staff service.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The names.</returns>
    public static async Task<StaffNames> LoadAsync(StaffAdministration staff, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var accounts = await staff.ListAsync(ct).ConfigureAwait(false);
        return new StaffNames(accounts) { Accounts = accounts };
    }

    /// <summary>The user name of an id, or the id itself.</summary>
    /// <param name="userId">The id.</param>
    /// <returns>The name to show.</returns>
    public string Of(string? userId) => userId is null ? "" : _names.TryGetValue(userId, out var name) ? name : userId;
}
