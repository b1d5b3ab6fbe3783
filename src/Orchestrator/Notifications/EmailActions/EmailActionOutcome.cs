namespace Orchestrator.Notifications.EmailActions;

/// <summary>What a submission did.</summary>
public enum EmailActionOutcome
{
    /// <summary>The task was completed with the answer.</summary>
    Completed,

    /// <summary>The answer breaks the form; nothing changed.</summary>
    Invalid,

    /// <summary>The link had already been used (perhaps by a concurrent submission); nothing changed.</summary>
    AlreadyAnswered,

    /// <summary>The task is no longer open; nothing changed.</summary>
    Closed,

    /// <summary>The link expired; the coordinators were told (once).</summary>
    Expired,
}
