using System.Text.Json.Nodes;
using Orchestrator.Forms;
using Orchestrator.Persistence;

namespace Orchestrator.Notifications.EmailActions;

/// <summary>What a link's page shows: only what the task needs.</summary>
/// <param name="Token">The link's row.</param>
/// <param name="State">Where it stands.</param>
/// <param name="CaseReference">The case reference (the instance's business key).</param>
/// <param name="TaskName">The question: the task's name in the link's language (<c>Workflows/JourneyNames</c>), else as drawn.</param>
/// <param name="Form">The task's form, when it has one that is deployed; <c>null</c>: approve or decline.</param>
/// <param name="FormData">The task's variables that the form binds (the data the form opens with).</param>
public sealed record EmailActionView(EmailActionTokenRecord Token, EmailActionState State, string? CaseReference, string? TaskName, FormSchema? Form, JsonObject FormData)
{
    /// <summary>The task's process, for a page that names it in another language (<c>JourneyNames.TaskName</c>).</summary>
    public string? ProcessId { get; init; }

    /// <summary>The task's element.</summary>
    public string? ElementId { get; init; }
}
