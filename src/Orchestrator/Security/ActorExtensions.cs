using System.Security.Claims;
using Orchestrator.Workflows;

namespace Orchestrator.Security;

/// <summary>Turns the signed-in caller into the <see cref="Actor"/> the workflow core records.</summary>
public static class ActorExtensions
{
    /// <summary>The actor for an authenticated principal (person: Identity user id; program: <c>apikey:NAME</c>).</summary>
    /// <param name="user">The principal.</param>
    /// <returns>The actor with the principal's known roles.</returns>
    /// <exception cref="InvalidOperationException">The principal is not authenticated (authorization should have stopped the request).</exception>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The caller is not authenticated.");
        var name = user.Identity?.Name ?? id;
        var roles = user.FindAll(ClaimTypes.Role).Select(claim => claim.Value).Where(Roles.IsKnown).ToHashSet(StringComparer.Ordinal);
        return new Actor(id, name, roles);
    }
}
