namespace Orchestrator.Web.Act;

/// <summary>What the outside person's page shows.</summary>
public enum ActPageState
{
    /// <summary>The question and the form (or approve/decline), perhaps with what to correct.</summary>
    Answer,

    /// <summary>The answer was recorded.</summary>
    Done,

    /// <summary>The link was used before.</summary>
    Answered,

    /// <summary>The task ended otherwise.</summary>
    Closed,

    /// <summary>The link expired (with the button that tells the coordinators, until they are told).</summary>
    Expired,

    /// <summary>The anti-forgery field was missing or stale.</summary>
    Stale,
}
