namespace Orchestrator.Notifications.Templates;

/// <summary>
/// Everything an email template may show. It deliberately has no field for a child's name, story or any process
/// variable: an email carries a case reference and a link only (as Primero does); the case stays behind the sign-in.
/// Adding a field here is a privacy decision: <c>PrivacyTests</c> hold the list of reviewed fields and fail on any other.
/// </summary>
/// <param name="CaseReference">The case reference (the instance's business key), e.g. <c>CA-2026-0001</c>.</param>
/// <param name="Link">The one link of the email (the task in the inbox, or an email-action page).</param>
public sealed record EmailModel(string? CaseReference, Uri? Link)
{
    /// <summary>The task's name as drawn in the journey (a step, e.g. "Consulate approval"), if the email is about a task.</summary>
    public string? TaskName { get; init; }

    /// <summary>When the task or deadline falls due.</summary>
    public DateTimeOffset? Due { get; init; }

    /// <summary>When the link stops working (email actions).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Why this recipient gets the email (a key the templates translate: <c>assignee</c>, <c>candidate-group</c>, <c>external-recipient</c>, <c>coordinator</c>, <c>send-task</c>).</summary>
    public string Reason { get; init; } = "send-task";

    /// <summary>The role or group the recipient acts as, if any (e.g. <c>lawyer</c>).</summary>
    public string? Group { get; init; }

    /// <summary>A model with every value set: what each template is rendered with at start-up and in the tests.</summary>
    public static EmailModel Sample { get; } = new("CA-2026-0001", new Uri("http://localhost:5080/cases/CA-2026-0001"))
    {
        TaskName = "Aprobación consular",
        Due = new DateTimeOffset(2026, 12, 6, 18, 0, 0, TimeSpan.Zero),
        ExpiresAt = new DateTimeOffset(2026, 12, 20, 18, 0, 0, TimeSpan.Zero),
        Reason = "candidate-group",
        Group = "lawyer",
    };
}
