namespace Orchestrator.Security;

/// <summary>A new staff account.</summary>
/// <param name="UserName">The sign-in name.</param>
/// <param name="Email">Where notifications go (optional).</param>
/// <param name="Roles">At least one role of <see cref="Security.Roles.All"/>.</param>
/// <param name="Password">The first password (at least 12 characters); the person changes it at <c>POST /account/password</c>.</param>
public sealed record NewStaffAccount(string? UserName, string? Email, IReadOnlyList<string>? Roles, string? Password);
