namespace Orchestrator.Security;

/// <summary>A staff account as administrators see it (never a password or its hash).</summary>
/// <param name="Id">The account id (the actor id in tasks and the audit trail).</param>
/// <param name="UserName">The sign-in name.</param>
/// <param name="Email">Where notifications go; <c>null</c>: none.</param>
/// <param name="Roles">Its roles.</param>
/// <param name="LockedUntil">Signed out until then (failed sign-ins or an administrator); <c>null</c>: may sign in.</param>
public sealed record StaffAccount(string Id, string UserName, string? Email, IReadOnlyList<string> Roles, DateTimeOffset? LockedUntil);
