namespace Orchestrator.Notifications.EmailActions;

/// <summary>What telling the coordinators about one link did.</summary>
public enum ExpiryNotice
{
    /// <summary>The link had expired unanswered with its task open: the coordinators' emails are staged.</summary>
    Notified,

    /// <summary>Nothing to tell: the link was answered, its task ended, it is unknown, or someone told them already.</summary>
    Nothing,

    /// <summary>The link has not expired yet by the service's clock; nothing changed.</summary>
    NotYetExpired,
}
