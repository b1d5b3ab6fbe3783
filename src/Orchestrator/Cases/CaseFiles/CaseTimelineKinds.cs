namespace Orchestrator.Cases.CaseFiles;

/// <summary>The kinds of <see cref="CaseTimelineEntry"/>.</summary>
public static class CaseTimelineKinds
{
    /// <summary>The case file was opened.</summary>
    public const string CaseOpened = "case-opened";

    /// <summary>The phase changed (subject: the new phase; detail: the previous one and the reason).</summary>
    public const string PhaseChanged = "phase-changed";

    /// <summary>A placement was assigned (subject: the placement; detail: the previous one).</summary>
    public const string PlacementAssigned = "placement-assigned";

    /// <summary>The child left the shelter.</summary>
    public const string LeftShelter = "left-shelter";

    /// <summary>Another event of the case file (subject: its type).</summary>
    public const string CaseEvent = "case-event";

    /// <summary>A restitution measure was added (subject: the measure).</summary>
    public const string MeasureAdded = "measure-added";

    /// <summary>A life-plan objective was added (subject: the objective).</summary>
    public const string ObjectiveAdded = "objective-added";

    /// <summary>A life-plan activity was added (subject: the activity).</summary>
    public const string ActivityAdded = "activity-added";

    /// <summary>A life-plan evaluation was recorded (subject: the progress).</summary>
    public const string Evaluation = "evaluation";

    /// <summary>A step of family tracing (subject: <c>found</c> or <c>not-found</c>; detail: where).</summary>
    public const string Tracing = "tracing";

    /// <summary>The child's opinion was recorded (subject: the decision).</summary>
    public const string Opinion = "opinion";

    /// <summary>A document was uploaded (subject: its title).</summary>
    public const string DocumentUploaded = "document-uploaded";

    /// <summary>A letter was printed (subject: its template key).</summary>
    public const string LetterPrinted = "letter-printed";

    /// <summary>A journey started.</summary>
    public const string JourneyStarted = "journey-started";

    /// <summary>A journey completed.</summary>
    public const string JourneyCompleted = "journey-completed";

    /// <summary>A journey was cancelled or terminated.</summary>
    public const string JourneyCancelled = "journey-cancelled";

    /// <summary>A task was created (subject: its name).</summary>
    public const string TaskCreated = "task-created";

    /// <summary>A task was completed (subject: its name).</summary>
    public const string TaskCompleted = "task-completed";

    /// <summary>A task was assigned to someone (subject: its name; detail: to whom).</summary>
    public const string TaskAssigned = "task-assigned";

    /// <summary>A task was cancelled with its part of the journey (subject: its name).</summary>
    public const string TaskCancelled = "task-cancelled";

    /// <summary>A task was escalated (subject: its name; detail: to which group).</summary>
    public const string TaskEscalated = "task-escalated";

    /// <summary>A reminder about a task went out (subject: its name).</summary>
    public const string TaskReminder = "task-reminder";

    /// <summary>A timer fired: a deadline or a reminder was reached (subject: its name).</summary>
    public const string TimerFired = "timer-fired";

    /// <summary>A message arrived (subject: the message's name).</summary>
    public const string MessageReceived = "message-received";

    /// <summary>A step failed and waits for an operator (subject: the element's name).</summary>
    public const string Incident = "incident";

    /// <summary>An incident was resolved (subject: the element's name).</summary>
    public const string IncidentResolved = "incident-resolved";

    /// <summary>A business error ended a step (subject: the element's name; detail: the error code).</summary>
    public const string BusinessError = "business-error";
}
