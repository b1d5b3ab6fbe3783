using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Orchestrator.Cases.Sensitive;
using Orchestrator.Engine.Model;
using Orchestrator.Notifications.Letters;
using Orchestrator.Security;
using Orchestrator.Supervision;
using Orchestrator.Workflows;

namespace Orchestrator.Web.Supervision;

/// <summary>
/// <c>/supervision/instances/{id}</c>: one journey instance for a coordinator or admin — its diagram with the active
/// elements highlighted and the path already taken shaded, its incidents (retry), its variables (repaired through
/// <see cref="WorkflowService.SetInstanceVariablesAsync"/> after a confirmation that shows the old and new value), the
/// pending timers with their due dates, its letters, its history, and cancelling it with a reason. Every read and change
/// goes through the services the API uses, so each is in the history with who did it.
/// </summary>
public sealed class InstanceModel(WorkflowService workflows, GuardedWorkflowReads reads, JourneyMonitor monitor, Tasks.TaskNaming naming, LetterService letters, StaffAdministration staff, IStringLocalizer<SupervisionText> text)
    : PageModel
{
    /// <summary>The history rows shown at first (newest first); <c>?history=all</c> shows every one.</summary>
    public const int HistoryShown = 20;

    /// <summary>The instance.</summary>
    public InstanceView Instance { get; private set; } = null!;

    /// <summary>Its journey version's model (names of elements).</summary>
    public ProcessDefinition Definition { get; private set; } = null!;

    /// <summary>Its history, oldest first.</summary>
    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];

    /// <summary>The path taken so far.</summary>
    public InstancePath Path { get; private set; } = new([], []);

    /// <summary>Its pending timers.</summary>
    public IReadOnlyList<PendingTimerView> Timers { get; private set; } = [];

    /// <summary>Its letters.</summary>
    public IReadOnlyList<CaseDocumentView> Letters { get; private set; } = [];

    /// <summary>User names of the people in the history.</summary>
    public StaffNames Names { get; private set; } = null!;

    /// <summary><c>all</c> to show the whole history.</summary>
    [BindProperty(SupportsGet = true, Name = "history")]
    public string? HistoryShownAll { get; set; }

    /// <summary>The variable to repair.</summary>
    [BindProperty]
    public string? VariableName { get; set; }

    /// <summary>Its new value as typed (JSON, or plain text).</summary>
    [BindProperty]
    public string? VariableValue { get; set; }

    /// <summary>Why the instance is cancelled.</summary>
    [BindProperty]
    public string? CancelReason { get; set; }

    /// <summary>The person confirmed the cancellation.</summary>
    [BindProperty]
    public bool ConfirmCancel { get; set; }

    /// <summary>A change waiting for the person's confirmation (after "Revisar el cambio").</summary>
    public VariableChange? Pending { get; private set; }

    /// <summary>Problems, by field id.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The element's name in the page's language (the journey's translations), else as drawn, else its id.</summary>
    /// <param name="elementId">The element id.</param>
    /// <returns>The name.</returns>
    public string ElementName(string? elementId) =>
        elementId is null || elementId == Definition.Id ? "" : naming.Task(Instance.ProcessId, elementId, DeadlineNames.Element(Definition, elementId));

    /// <summary>Shows the instance.</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task OnGetAsync(string id, CancellationToken ct) => await LoadAsync(id, ct).ConfigureAwait(false);

    /// <summary>Checks a repair and shows the old and new value for confirmation; nothing is changed yet.</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The page with the confirmation, or the errors.</returns>
    public async Task<IActionResult> OnPostReviewVariableAsync(string id, CancellationToken ct)
    {
        await LoadAsync(id, ct).ConfigureAwait(false);
        if (TryParse(out var value))
        {
            var name = VariableName!.Trim();
            var exists = Instance.Variables.TryGetPropertyValue(name, out var old);
            Pending = new VariableChange(name, exists ? DisplayJson.Of(old) : null, DisplayJson.Of(value), exists);
        }
        else
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Page();
    }

    /// <summary>Saves a confirmed repair (one <c>VariablesSet</c> history row with who did it).</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Back to the instance, or the errors.</returns>
    public async Task<IActionResult> OnPostSetVariableAsync(string id, CancellationToken ct)
    {
        if (!TryParse(out var value))
        {
            await LoadAsync(id, ct).ConfigureAwait(false);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var name = VariableName!.Trim();
        await workflows.SetInstanceVariablesAsync(id, new JsonObject { [name] = value }, User.ToActor(), ct).ConfigureAwait(false);
        TempData["Status"] = text["Variable_Saved", name].Value;
        return Redirect($"/supervision/instances/{Uri.EscapeDataString(id)}#variables");
    }

    /// <summary>Retries an incident of this instance and says whether the instance moved on.</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="incidentId">The incident.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Back to the instance.</returns>
    public async Task<IActionResult> OnPostRetryAsync(string id, string incidentId, CancellationToken ct)
    {
        var actor = User.ToActor();
        try
        {
            await workflows.RetryIncidentAsync(incidentId, actor, ct).ConfigureAwait(false);
        }
        catch (WorkflowConflictException)
        {
            TempData["Problem"] = text["Retry_AlreadyResolved"].Value;
            return Redirect($"/supervision/instances/{Uri.EscapeDataString(id)}");
        }

        var after = await reads.GetInstanceAsync(id, actor, ct).ConfigureAwait(false);
        var definition = await monitor.DefinitionAsync(after.ProcessId, after.Version, ct).ConfigureAwait(false);
        if (after.Incidents.Count > 0)
        {
            var again = after.Incidents[0];
            TempData["Problem"] = text["Retry_FailedAgain", naming.Task(after.ProcessId, again.ElementId, DeadlineNames.Element(definition, again.ElementId)), again.Message].Value;
        }
        else
        {
            var where = string.Join(", ", after.Active.Select(e => naming.Task(after.ProcessId, e, DeadlineNames.Element(definition, e))));
            TempData["Status"] = after.Status == "active" ? text["Retry_MovedOn", where].Value : text["Retry_Ended"].Value;
        }

        return Redirect($"/supervision/instances/{Uri.EscapeDataString(id)}");
    }

    /// <summary>Cancels the instance with the reason given (kept in the history).</summary>
    /// <param name="id">The instance id.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Back to the instance, or the errors.</returns>
    public async Task<IActionResult> OnPostCancelAsync(string id, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(CancelReason))
        {
            Errors["cancelReason"] = text["Cancel_ReasonRequired"];
        }
        else if (CancelReason.Length > WorkflowService.MaxCancelReasonLength)
        {
            Errors["cancelReason"] = text["Cancel_ReasonTooLong", WorkflowService.MaxCancelReasonLength];
        }

        if (!ConfirmCancel)
        {
            Errors["confirmCancel"] = text["Cancel_ConfirmRequired"];
        }

        if (Errors.Count > 0)
        {
            await LoadAsync(id, ct).ConfigureAwait(false);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        try
        {
            await workflows.CancelAsync(id, CancelReason, User.ToActor(), ct).ConfigureAwait(false);
            TempData["Status"] = text["Cancel_Done"].Value;
        }
        catch (WorkflowConflictException)
        {
            TempData["Problem"] = text["Cancel_AlreadyEnded"].Value;
        }

        return Redirect($"/supervision/instances/{Uri.EscapeDataString(id)}");
    }

    private async Task LoadAsync(string id, CancellationToken ct)
    {
        var actor = User.ToActor();
        Instance = await reads.GetInstanceAsync(id, actor, ct).ConfigureAwait(false);
        Definition = await monitor.DefinitionAsync(Instance.ProcessId, Instance.Version, ct).ConfigureAwait(false);
        History = await reads.GetHistoryAsync(id, actor, ct).ConfigureAwait(false);
        Path = TakenFlows.Derive(Definition, History);
        Timers = await monitor.ListTimersAsync(id, ct).ConfigureAwait(false);
        Letters = await letters.ListAsync(id, actor, ct).ConfigureAwait(false);
        Names = await StaffNames.LoadAsync(staff, ct).ConfigureAwait(false);
    }

    /// <summary>The typed value: JSON when it reads as JSON (a number, true/false, null, a list, an object, a quoted text), else the text itself.</summary>
    private bool TryParse(out JsonNode? value)
    {
        value = null;
        var name = VariableName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            Errors["variableName"] = text["Variable_NameRequired"];
        }
        else if (name.Length > 200)
        {
            Errors["variableName"] = text["Variable_NameTooLong", 200];
        }

        if (VariableValue is null || VariableValue.Trim().Length == 0)
        {
            Errors["variableValue"] = text["Variable_ValueRequired"];
        }

        if (Errors.Count > 0)
        {
            return false;
        }

        try
        {
            value = JsonNode.Parse(VariableValue!);
        }
        catch (JsonException)
        {
            value = JsonValue.Create(VariableValue!.Trim());
        }

        return true;
    }
}
