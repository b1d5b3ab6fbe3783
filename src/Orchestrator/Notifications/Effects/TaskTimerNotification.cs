using Orchestrator.Engine.Runtime;

namespace Orchestrator.Notifications.Effects;

/// <summary>One reminder or escalation to send.</summary>
/// <param name="Kind">Reminder or escalation.</param>
/// <param name="TaskId">The user task.</param>
/// <param name="ElementId">The timer boundary event that fired.</param>
public sealed record TaskTimerNotification(TaskNotificationKind Kind, string TaskId, string ElementId);
