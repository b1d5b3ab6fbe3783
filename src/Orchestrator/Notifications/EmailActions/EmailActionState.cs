namespace Orchestrator.Notifications.EmailActions;

/// <summary>Where a link stands.</summary>
public enum EmailActionState
{
    /// <summary>The task waits for this recipient's answer.</summary>
    Open,

    /// <summary>The link was used; its answer is recorded.</summary>
    Answered,

    /// <summary>The task ended otherwise (cancelled, interrupted, answered by staff): the link no longer answers it.</summary>
    Closed,

    /// <summary>The link's lifetime is over.</summary>
    Expired,
}
