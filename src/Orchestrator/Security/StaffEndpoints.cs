using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Orchestrator.Security;

/// <summary>
/// Staff accounts (<c>/api/users</c>, administrators only) and a person's own password (<c>POST /account/password</c>).
/// The work is <see cref="StaffAdministration"/>'s; every change is audited.
/// </summary>
public static class StaffEndpoints
{
    /// <summary>New roles of an account.</summary>
    /// <param name="Roles">At least one role.</param>
    public sealed record RolesRequest(IReadOnlyList<string>? Roles);

    /// <summary>A password set by an administrator.</summary>
    /// <param name="Password">The new password.</param>
    public sealed record PasswordRequest(string? Password);

    /// <summary>A person's own password change.</summary>
    /// <param name="CurrentPassword">The password they have.</param>
    /// <param name="NewPassword">The one they want.</param>
    public sealed record OwnPasswordRequest(string? CurrentPassword, string? NewPassword);

    /// <summary>Maps the staff accounts under the <c>/api</c> group (<c>/api/users</c>).</summary>
    /// <param name="api">The <c>/api</c> group.</param>
    public static void MapStaffEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var users = api.MapGroup("/users").WithTags("Staff accounts").RequireAuthorization(Policies.Admin);
        users.MapGet("/", async (StaffAdministration staff, CancellationToken ct) => TypedResults.Ok(await staff.ListAsync(ct).ConfigureAwait(false)))
            .WithSummary("Every staff account with its roles and whether it is locked");
        users.MapPost("/", async ([FromBody] NewStaffAccount body, StaffAdministration staff, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var account = await staff.CreateAsync(body, user.ToActor(), ct).ConfigureAwait(false);
                return TypedResults.Created($"/api/users/{Uri.EscapeDataString(account.Id)}", account);
            })
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Create a staff account: userName, roles, a first password of at least 12 characters, email (optional)");
        users.MapPut("/{id}/roles", async Task<Ok<StaffAccount>> (string id, [FromBody] RolesRequest body, StaffAdministration staff, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await staff.SetRolesAsync(id, body.Roles, user.ToActor(), ct).ConfigureAwait(false)))
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Replace an account's roles (the person is signed out within a minute and signs in with the new ones)");
        users.MapPost("/{id}/password", async Task<NoContent> (string id, [FromBody] PasswordRequest body, StaffAdministration staff, ClaimsPrincipal user, CancellationToken ct) =>
            {
                await staff.ResetPasswordAsync(id, body.Password, user.ToActor(), ct).ConfigureAwait(false);
                return TypedResults.NoContent();
            })
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Set a new password for a person who forgot theirs (also lifts a lockout)");
        users.MapPost("/{id}/lock", async Task<Ok<StaffAccount>> (string id, StaffAdministration staff, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await staff.SetLockedAsync(id, locked: true, user.ToActor(), ct).ConfigureAwait(false)))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Lock an account (someone who left): no sign-in, and open sessions end within a minute");
        users.MapPost("/{id}/unlock", async Task<Ok<StaffAccount>> (string id, StaffAdministration staff, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await staff.SetLockedAsync(id, locked: false, user.ToActor(), ct).ConfigureAwait(false)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Unlock an account");
    }

    /// <summary>
    /// Maps <c>POST /account/password</c>, a person's own password change: beside the other <c>/account</c> routes (it
    /// is the signed-in person's, not an administrator's), so <see cref="AccountEndpoints.MapAccountEndpoints"/> calls it.
    /// </summary>
    /// <param name="app">The routes (not the <c>/api</c> group).</param>
    public static void MapOwnPasswordEndpoint(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/account/password", async Task<NoContent> ([FromBody] OwnPasswordRequest body, StaffAdministration staff, ClaimsPrincipal user, CancellationToken ct) =>
            {
                await staff.ChangeOwnPasswordAsync(user.ToActor(), body.CurrentPassword, body.NewPassword, ct).ConfigureAwait(false);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.AnyRole).WithTags("Account")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Change your own password (currentPassword, newPassword); send the anti-forgery token");
    }
}
