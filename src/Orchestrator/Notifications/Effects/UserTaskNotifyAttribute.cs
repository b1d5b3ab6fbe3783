using Orchestrator.Engine.Model;
using Orchestrator.Engine.Runtime;

namespace Orchestrator.Notifications.Effects;

/// <summary>
/// Reads a user task's <c>orc:notify</c> (<c>assignee</c> | <c>candidates</c> | <c>none</c>). Interim adapter: it reads
/// the attribute from the element's <see cref="Activity.Extensions"/> in the deployed definition. When the engine's
/// <c>UserTaskInfo.Notify</c> lands, <see cref="RawValue"/> becomes <c>task.Notify</c> and nothing else changes.
/// </summary>
internal static class UserTaskNotifyAttribute
{
    public const string Name = "notify";

    public static string? RawValue(UserTaskInfo task, DeployedProcess? process) =>
        process?.Definition.FindNode(task.ElementId) is Activity activity && activity.Extensions.TryGetValue(Name, out var value) ? value : null;

    /// <summary>The mode, or <c>null</c> for a value that is none of the three (the caller logs it and uses the default).</summary>
    public static TaskNotifyMode? Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "none" => TaskNotifyMode.None,
        "assignee" => TaskNotifyMode.Assignee,
        "candidates" => TaskNotifyMode.Candidates,
        _ => null,
    };
}
