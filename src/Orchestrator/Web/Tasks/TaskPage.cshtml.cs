using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Orchestrator.Cases;
using Orchestrator.Forms;
using Orchestrator.Notifications.EmailActions;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tasks;
using Orchestrator.Web.Common;
using Orchestrator.Workflows;

namespace Orchestrator.Web.Tasks;

/// <summary>
/// The task page (<c>/tasks/{id}</c>): the task's form in the form-js viewer, filled from the task's variables (or the
/// person's draft), completed with a plain form post; a 422 shows the server's errors at their fields, a lost race
/// (409) says who won and keeps the person's input. Beside it: the case's reference, phase and key dates, the coming
/// deadlines, the journey's earlier outcomes, and the diagram with this task highlighted. Claim and give back here too.
/// Every read goes through <see cref="TaskLookup"/>, <see cref="TaskDrafts"/>, <see cref="WorkflowService"/> and
/// <see cref="CaseService"/> with the person as actor.
/// </summary>
public sealed class TaskPageModel(
    TaskLookup lookup,
    TaskDrafts drafts,
    WorkflowService workflows,
    CaseService cases,
    FormCatalog forms,
    TaskNaming naming,
    DisplayFormat format,
    TimeProvider time,
    IStringLocalizer<TasksText> text) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The task id (from the address).</summary>
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    /// <summary>The task.</summary>
    public TaskDetails Details { get; private set; } = null!;

    /// <summary>The task's name as people read it.</summary>
    public string TaskName { get; private set; } = "";

    /// <summary>The form-js schema, or <c>null</c> (no form, or a form key with no deployed form).</summary>
    public JsonObject? Schema { get; private set; }

    /// <summary>The data the form opens with.</summary>
    public JsonObject FormData { get; private set; } = [];

    /// <summary>The person's draft that filled the form, if any.</summary>
    public TaskDraft? Draft { get; private set; }

    /// <summary>What went wrong with the last completion, in words, or <c>null</c>.</summary>
    public string? Problem { get; private set; }

    /// <summary>The server's field errors of a 422, in the page's language.</summary>
    public IReadOnlyList<FormFieldError> FieldErrors { get; private set; } = [];

    /// <summary>Whether the person may fill and complete the form now.</summary>
    public bool Editable { get; private set; }

    /// <summary>The case beside the form, or <c>null</c>.</summary>
    public CaseFacts? Case { get; private set; }

    /// <summary>The journey's earlier outcomes, newest first.</summary>
    public IReadOnlyList<TaskOutcome> Outcomes { get; private set; } = [];

    /// <summary>The journey's coming deadlines.</summary>
    public IReadOnlyList<TaskDeadline> Deadlines { get; private set; } = [];

    /// <summary>Shows the task.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct).ConfigureAwait(false);
        if (Details.Status == TaskStatuses.Open)
        {
            var form = await lookup.GetFormAsync(Id, Me, ct).ConfigureAwait(false);
            Schema = form.Schema;
            FormData = form.Variables;
            if (Editable && await drafts.GetAsync(Id, Me, ct).ConfigureAwait(false) is { } draft)
            {
                Draft = draft;
                Merge(FormData, draft.Data);
            }
        }

        await LoadSideAsync(ct).ConfigureAwait(false);
        return Page();
    }

    /// <summary>Completes the task with the form's data; on success goes to the inbox saying where the work went.</summary>
    /// <param name="data">The form data as JSON (the form-js viewer's <c>submit()</c>).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>A redirect, or the page again with the errors or the lost race (422, 409) and the person's input.</returns>
    public async Task<IActionResult> OnPostCompleteAsync(string? data, CancellationToken ct)
    {
        await LoadAsync(ct).ConfigureAwait(false);
        JsonObject submitted;
        try
        {
            submitted = string.IsNullOrWhiteSpace(data) ? [] : JsonNode.Parse(data) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            Problem = text["Invalid_Json"];
            return await AgainAsync(StatusCodes.Status400BadRequest, [], ct).ConfigureAwait(false);
        }

        var started = time.GetUtcNow();
        try
        {
            await workflows.CompleteAsync(Id, submitted, Me, ct).ConfigureAwait(false);
        }
        catch (FormValidationException e)
        {
            var language = WorkspaceChrome.Language;
            FieldErrors = [.. e.Errors.Select(f => f with { Message = EmailActionMessages.Translate(f.Message, language) })];
            Problem = text["Invalid"];
            return await AgainAsync(StatusCodes.Status422UnprocessableEntity, submitted, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WorkflowConflictException or WorkflowForbiddenException)
        {
            // Someone else won: say who, in words, and keep what this person typed on the page.
            await LoadAsync(ct).ConfigureAwait(false);
            Problem = Details.Status switch
            {
                TaskStatuses.Completed => text["Lost_Completed", Person(Details.EndedBy, Details.EndedByName), When(Details.EndedAt)].Value,
                TaskStatuses.Cancelled => text["Lost_Cancelled", When(Details.EndedAt)].Value,
                _ => text["Lost_Claimed", Person(Details.Task.Assignee, Details.Task.AssigneeName)].Value,
            };
            return await AgainAsync(StatusCodes.Status409Conflict, submitted, ct).ConfigureAwait(false);
        }

        var next = await lookup.NextStepsAsync(Details.Task.InstanceId, started, ct).ConfigureAwait(false);
        TempData["Status"] = WhereNext(next);
        return LocalRedirect(WorkspacePaths.Inbox);
    }

    /// <summary>Claims the task and shows it again.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>A redirect to the task.</returns>
    public async Task<IActionResult> OnPostClaimAsync(CancellationToken ct)
    {
        await workflows.ClaimAsync(Id, Me, ct).ConfigureAwait(false);
        TempData["Status"] = text["Claimed"].Value;
        return LocalRedirect(Address);
    }

    /// <summary>Gives the task back to its groups and goes to the inbox.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>A redirect to the inbox.</returns>
    public async Task<IActionResult> OnPostUnclaimAsync(CancellationToken ct)
    {
        var task = await workflows.UnclaimAsync(Id, Me, ct).ConfigureAwait(false);
        TempData["Status"] = text["Unclaimed", naming.Task(task.ProcessId, task.ElementId, task.Name), naming.Groups(task.CandidateGroups)].Value;
        return LocalRedirect(WorkspacePaths.Inbox);
    }

    /// <summary>Discards the person's draft and shows the form with the case's data again.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>A redirect to the task.</returns>
    public async Task<IActionResult> OnPostDiscardDraftAsync(CancellationToken ct)
    {
        await drafts.DeleteAsync(Id, Me, ct).ConfigureAwait(false);
        TempData["Status"] = text["Draft_Discarded"].Value;
        return LocalRedirect(Address);
    }

    /// <summary>This task's address.</summary>
    public string Address => "/tasks/" + Uri.EscapeDataString(Id);

    /// <summary>What the page's script needs (JSON in a data attribute; the page has no inline script).</summary>
    /// <returns>The settings as JSON.</returns>
    public string ClientSettings()
    {
        var language = WorkspaceChrome.Language;
        return JsonSerializer.Serialize(new
        {
            taskId = Id,
            editable = Editable,
            draftUrl = $"/api/tasks/{Uri.EscapeDataString(Id)}/draft",
            diagramUrl = $"/api/definitions/{Uri.EscapeDataString(Details.Task.ProcessId)}/versions/{Details.ProcessVersion.ToString(CultureInfo.InvariantCulture)}/xml",
            elementId = Details.Task.ElementId,
            locale = CultureInfo.CurrentCulture.Name,
            timeZone = format.Zone.Id,
            errors = FieldErrors.Select(e => new { field = e.Field, message = e.Message }),
            texts = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["saving"] = text["Draft_Saving"],
                ["saved"] = text["Draft_Saved", "{0}"],
                ["offline"] = text["Draft_Offline"],
                ["failed"] = text["Draft_Failed", "{0}"],
                ["unsaved"] = text["Draft_Unsaved"],
                ["broken"] = text["Form_Broken"],
                ["diagramFailed"] = text["Diagram_Failed"],
            },
            formMessages = EmailActionMessages.BrowserMessages(language),
        }, Json);
    }

    /// <summary>The form's schema as JSON, or an empty string.</summary>
    /// <returns>The JSON.</returns>
    public string SchemaJson() => Schema?.ToJsonString() ?? "";

    /// <summary>The form's data as JSON.</summary>
    /// <returns>The JSON.</returns>
    public string DataJson() => FormData.ToJsonString();

    /// <summary>A person in words (an account id the directory did not name is the system or a program).</summary>
    /// <param name="id">The account id.</param>
    /// <param name="name">The name the directory gave.</param>
    /// <returns>The words.</returns>
    public string Person(string? id, string? name) => id == Actor.System.Id ? text["System"] : name ?? id ?? "—";

    /// <summary>An instant as the page writes dates: "7 dic 2026, 14:30".</summary>
    /// <param name="at">The instant.</param>
    /// <returns>The words.</returns>
    public string When(DateTimeOffset? at) => at is { } t ? format.DateTime(t) : "—";

    /// <summary>A recorded value in words: text as it is, yes/no, numbers, and lists or objects as compact JSON.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The words.</returns>
    public string Value(JsonNode? value)
    {
        var words = value switch
        {
            null => text["Value_Empty"].Value,
            JsonValue v when v.TryGetValue<bool>(out var b) => b ? text["Value_Yes"].Value : text["Value_No"].Value,
            JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0 ? text["Value_Empty"].Value : s,
            _ => value.ToJsonString(),
        };
        return words.Length <= 300 ? words : words[..300] + "…";
    }

    /// <summary>The label of the form field an error names (its last path segment's component), else the path.</summary>
    /// <param name="field">The error's data path.</param>
    /// <returns>The label.</returns>
    public string FieldLabel(string field)
    {
        if (Details.Task.FormKey is { } key && forms.TryGetSchema(key, out var schema))
        {
            var last = field.Split('.')[^1];
            var bracket = last.IndexOf('[', StringComparison.Ordinal);
            last = bracket > 0 ? last[..bracket] : last;
            if (Find(schema.Components, last) is { Label: { Length: > 0 } label })
            {
                return label;
            }
        }

        return field;
    }

    private Actor Me => User.ToActor();

    private async Task LoadAsync(CancellationToken ct)
    {
        Details = await lookup.GetAsync(Id, Me, ct).ConfigureAwait(false);
        TaskName = naming.Task(Details.Task.ProcessId, Details.Task.ElementId, Details.Task.Name);
        Editable = Details.Status == TaskStatuses.Open && Details.MayComplete;
    }

    /// <summary>The page again after a refused completion: the schema, the person's submitted input over the task's data.</summary>
    private async Task<IActionResult> AgainAsync(int status, JsonObject submitted, CancellationToken ct)
    {
        var lost = status == StatusCodes.Status409Conflict;
        if (!lost && Details.Status == TaskStatuses.Open)
        {
            var form = await lookup.GetFormAsync(Id, Me, ct).ConfigureAwait(false);
            Schema = form.Schema;
            FormData = form.Variables;
        }
        else if (Details.Task.FormKey is { } key && forms.TryGetSchema(key, out var schema))
        {
            Schema = schema.Form.Definition.DeepClone().AsObject();
        }

        Merge(FormData, submitted);
        Editable = Editable && !lost;
        await LoadSideAsync(ct).ConfigureAwait(false);
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadSideAsync(CancellationToken ct)
    {
        var instanceId = Details.Task.InstanceId;
        Case = await CaseFacts.ReadAsync(cases, Details.Task.BusinessKey, Me, ct).ConfigureAwait(false);
        Outcomes = await lookup.OutcomesAsync(instanceId, Me, 10, ct).ConfigureAwait(false);
        Deadlines = await lookup.DeadlinesAsync(instanceId, 5, ct).ConfigureAwait(false);
    }

    /// <summary>"Tarea completada. La siguiente está en la bandeja de Jurídico." and its variants.</summary>
    private string WhereNext(IReadOnlyList<TaskNextStep> next)
    {
        var me = Me.Id;
        if (next.FirstOrDefault(t => t.Assignee == me) is { } mine)
        {
            return text["Completed_Yours", naming.Task(mine.ProcessId, mine.ElementId, mine.Name)];
        }

        var groups = next.Where(t => t.Assignee is null).SelectMany(t => t.CandidateGroups).Distinct(StringComparer.Ordinal).ToList();
        if (groups.Count > 0)
        {
            return text["Completed", naming.Groups(groups)];
        }

        if (next.FirstOrDefault(t => t.Assignee is not null) is { } held)
        {
            return text["Completed_Held", naming.Task(held.ProcessId, held.ElementId, held.Name), held.AssigneeName ?? "—"];
        }

        return next.FirstOrDefault(t => t.ExternalRecipient is not null) is { } external
            ? text["Completed_External", external.ExternalRecipient!].Value
            : text["Completed_Nothing"].Value;
    }

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (name, value) in source)
        {
            target[name] = value?.DeepClone();
        }
    }

    private static FormComponent? Find(IEnumerable<FormComponent> components, string key)
    {
        foreach (var c in components)
        {
            if (c.Key == key || c.Path == key)
            {
                return c;
            }

            if (Find(c.Components, key) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }
}
