
namespace Orchestrator.Workflows;

/// <summary>Who acts: a signed-in person or a program (API key), with their roles.</summary>
/// <param name="Id">The user id (Identity user id, or the API key's name).</param>
/// <param name="DisplayName">The name shown in history.</param>
/// <param name="Roles">The roles (and so the candidate groups the actor belongs to).</param>
public sealed record Actor(string Id, string DisplayName, IReadOnlySet<string> Roles)
{
    /// <summary>The coordinator role: sees every task.</summary>
    public const string CoordinatorRole = "coordinator";

    /// <summary>The admin role: sees every task.</summary>
    public const string AdminRole = "admin";

    /// <summary>Whether the actor sees (and may complete) every task: coordinators and admins.</summary>
    public bool SeesAllTasks => Roles.Contains(CoordinatorRole) || Roles.Contains(AdminRole);

    /// <summary>The service itself (start-up deployment, timers, jobs).</summary>
    public static Actor System { get; } = new("system", "System", new HashSet<string>(StringComparer.Ordinal) { AdminRole });

    /// <summary>The prefix of an outside recipient's actor id (<c>external:consul@example.org</c>).</summary>
    public const string ExternalPrefix = "external:";

    /// <summary>An outside recipient acting through an email-action link: may act only on tasks whose <c>orc:externalRecipient</c> is this address.</summary>
    /// <param name="email">The recipient's address.</param>
    public static Actor ExternalRecipient(string email) => new(ExternalPrefix + email, email, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>The address of an outside recipient, or <c>null</c> for staff, programs and the system.</summary>
    public string? ExternalEmail => Id.StartsWith(ExternalPrefix, StringComparison.Ordinal) ? Id[ExternalPrefix.Length..] : null;
}
