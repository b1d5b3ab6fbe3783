using Orchestrator.Engine.Runtime.Timers;

namespace Orchestrator.Engine.Runtime.Tasks;

/// <summary>When a task's reminders and escalation fall due, worked out before the task is created.</summary>
internal readonly record struct FollowUpPlan(TimerPlan? Reminder, DateTimeOffset? EscalationDue, string? EscalationGroup);
