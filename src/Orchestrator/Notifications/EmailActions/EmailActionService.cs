using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Cases.Sensitive;
using Orchestrator.Engine.Runtime;
using Orchestrator.Forms;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Notifications.EmailActions;

/// <summary>
/// The email-action links (scoped): reads a link's state without writing anything, and answers it: marks the link
/// used and completes the task in one transaction, as the outside recipient.
/// </summary>
public sealed class EmailActionService(
    OrchestratorDbContext db,
    EmailActionTokenCodec codec,
    WorkflowRuntime runtime,
    WorkflowService workflows,
    FormCatalog forms,
    ITaskFormValidator validator,
    EmailActionExpiryNotifier expiry,
    JourneyNames names,
    SensitiveDataGuard sensitive,
    TimeProvider time,
    ILogger<EmailActionService> logger)
{
    /// <summary>The email template coordinators get about an expired, unanswered link.</summary>
    public const string ExpiredTemplateKey = EmailActionExpiryNotifier.TemplateKey;

    /// <summary>The longest comment accepted with an approve/decline answer.</summary>
    public const int MaxCommentLength = 2000;

    /// <summary>Reads a link; never writes. <c>null</c> when the token is malformed, forged, altered or unknown.</summary>
    /// <param name="token">The token from the URL.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<EmailActionView?> FindAsync(string token, CancellationToken ct)
    {
        if (!codec.TryRead(token, out var hash))
        {
            return null;
        }

        db.ChangeTracker.Clear();
        var row = await db.EmailActionTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, ct).ConfigureAwait(false);
        return row is null ? null : await ViewOfAsync(row, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Answers a link. Approve/decline (a task without a form) sets <c>approved</c> and an optional <c>comment</c>; a
    /// form's data is checked against the form first. The link is marked used and the task completed in one
    /// transaction, so of two concurrent submissions exactly one completes and the other finds the link used.
    /// </summary>
    /// <param name="view">The link, as <see cref="FindAsync"/> read it.</param>
    /// <param name="answer">The answer: for a form, its data; otherwise <c>{"approved": bool, "comment"?: text}</c>.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<EmailActionSubmission> SubmitAsync(EmailActionView view, JsonObject answer, CancellationToken ct) => SubmitAsync(view, answer, 1, ct);

    private async Task<EmailActionSubmission> SubmitAsync(EmailActionView view, JsonObject answer, int attempt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(answer);
        switch (view.State)
        {
            case EmailActionState.Answered:
                return new(EmailActionOutcome.AlreadyAnswered, view, []);
            case EmailActionState.Closed:
                return new(EmailActionOutcome.Closed, view, []);
            case EmailActionState.Expired:
                await NotifyExpiredAsync(view, ct).ConfigureAwait(false);
                return new(EmailActionOutcome.Expired, view, []);
        }

        var errors = await CheckAsync(view, answer, ct).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            return new(EmailActionOutcome.Invalid, view, errors, answer);
        }

        var token = view.Token;
        var outcome = view.Form is null ? (answer["approved"]?.GetValue<bool>() == true ? "approved" : "declined") : "submitted";
        try
        {
            await workflows.CompleteAsync(token.TaskId, answer, Actor.ExternalRecipient(token.Recipient), async (tx, c) =>
            {
                var now = time.GetUtcNow();
                var marked = await tx.EmailActionTokens
                    .Where(t => t.Id == token.Id && t.UsedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now).SetProperty(t => t.UsedOutcome, outcome), c)
                    .ConfigureAwait(false);
                if (marked == 0)
                {
                    throw new EmailActionUsedException();
                }
            }, ct).ConfigureAwait(false);
        }
        catch (FormValidationException e)
        {
            return new(EmailActionOutcome.Invalid, view, e.Errors, answer);
        }
        catch (Exception e) when (e is EmailActionUsedException or WorkflowConflictException or WorkflowNotFoundException or WorkflowForbiddenException)
        {
            // Lost to another submission, or the task ended meanwhile: say which, from the rows as they are now. A link
            // still open means the conflict came before the other submission committed (a busy database): answer again,
            // which then finds the link used, or completes when nobody else did.
            var after = await ReloadAsync(token.Id, ct).ConfigureAwait(false);
            if (after.State == EmailActionState.Open && attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(500, 100 * attempt)), ct).ConfigureAwait(false);
                return await SubmitAsync(after, answer, attempt + 1, ct).ConfigureAwait(false);
            }

            return new(after.State == EmailActionState.Answered ? EmailActionOutcome.AlreadyAnswered : EmailActionOutcome.Closed, after, []);
        }

        EmailActionLog.Answered(logger, token.TaskId, token.InstanceId, outcome);
        return new(EmailActionOutcome.Completed, await ReloadAsync(token.Id, ct).ConfigureAwait(false), []);
    }

    private async Task<EmailActionView> ReloadAsync(Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var row = await db.EmailActionTokens.AsNoTracking().SingleAsync(t => t.Id == id, ct).ConfigureAwait(false);
        return await ViewOfAsync(row, ct).ConfigureAwait(false);
    }

    /// <summary>The link's view from its row, which may have been read just before another answer committed.</summary>
    /// <param name="row">The link's row as read.</param>
    /// <param name="ct">Cancellation.</param>
    internal async Task<EmailActionView> ViewOfAsync(EmailActionTokenRecord row, CancellationToken ct)
    {
        var view = await ViewAsync(row, ct).ConfigureAwait(false);
        if (view.State != EmailActionState.Closed)
        {
            return view;
        }

        // The link and its task are read one after the other, not in one snapshot: a link read just before another
        // answer's commit and its task just after looks unused with its task completed — "closed" where it was answered.
        // That answer marked the link in the same transaction, so the link read again now shows it.
        var again = await db.EmailActionTokens.AsNoTracking().SingleAsync(t => t.Id == row.Id, ct).ConfigureAwait(false);
        return again.UsedAt is null ? view : await ViewAsync(again, ct).ConfigureAwait(false);
    }

    private async Task<EmailActionView> ViewAsync(EmailActionTokenRecord row, CancellationToken ct)
    {
        var task = await db.Tasks.AsNoTracking()
            .Where(t => t.Id == row.TaskId)
            .Select(t => new { t.Name, t.BusinessKey, t.FormKey, t.Status, t.ProcessId, t.ElementId })
            .SingleOrDefaultAsync(ct).ConfigureAwait(false);
        var state = row.UsedAt is not null ? EmailActionState.Answered
            : task is null || task.Status != TaskStatuses.Open ? EmailActionState.Closed
            : time.GetUtcNow() >= row.ExpiresAt ? EmailActionState.Expired
            : EmailActionState.Open;
        FormSchema? form = null;
        if (task?.FormKey is { Length: > 0 } key && forms.TryGetSchema(key, out var schema))
        {
            form = schema;
        }

        var data = new JsonObject();
        if (state == EmailActionState.Open && form is not null)
        {
            data = await FormDataAsync(row, form, ct).ConfigureAwait(false);
        }

        // The question in the link's language (the email's), as the recipient read it there.
        var question = task is null ? null : names.TaskName(task.ProcessId, task.ElementId, row.Language, task.Name);
        return new EmailActionView(row, state, task?.BusinessKey, question, form, data) { ProcessId = task?.ProcessId, ElementId = task?.ElementId };
    }

    /// <summary>
    /// The task's variables that the form binds or lists options from; nothing else of the case reaches the page, and a
    /// sensitive one only as its marker (an outside person reads no sensitive category, so nothing is shown to audit).
    /// </summary>
    private async Task<JsonObject> FormDataAsync(EmailActionTokenRecord row, FormSchema form, CancellationToken ct)
    {
        var variables = sensitive.RedactVariables(await TaskVariablesAsync(row, ct).ConfigureAwait(false), Actor.ExternalRecipient(row.Recipient), out _);
        var names = new HashSet<string>(StringComparer.Ordinal);
        CollectNames(form.Form.Definition, names);
        var data = new JsonObject();
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            if (variables.TryGetPropertyValue(name, out var value))
            {
                data[name] = value?.DeepClone();
            }
        }

        return data;
    }

    private async Task<JsonObject> TaskVariablesAsync(EmailActionTokenRecord row, CancellationToken ct)
    {
        var stateJson = await db.Instances.AsNoTracking().Where(i => i.Id == row.InstanceId).Select(i => i.State).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        if (stateJson is null)
        {
            return [];
        }

        var state = ProcessInstanceState.FromJson(stateJson);
        await runtime.EnsureAsync(db, state.ProcessId, state.Version, ct).ConfigureAwait(false);
        return runtime.Engine.GetTaskVariables(state, row.TaskId);
    }

    private static void CollectNames(JsonObject component, HashSet<string> names)
    {
        foreach (var property in (ReadOnlySpan<string>)["key", "path", "valuesKey"])
        {
            if (component[property] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0)
            {
                names.Add(text.Split('.')[0]);
                if (property == "path")
                {
                    return; // everything inside a group or list with a path lives under that one name
                }
            }
        }

        if (component["components"] is JsonArray children)
        {
            foreach (var child in children.OfType<JsonObject>())
            {
                CollectNames(child, names);
            }
        }
    }

    private async Task<IReadOnlyList<FormFieldError>> CheckAsync(EmailActionView view, JsonObject answer, CancellationToken ct)
    {
        if (view.Form is not null)
        {
            return validator.Validate(view.Form.Id, answer, await TaskVariablesAsync(view.Token, ct).ConfigureAwait(false));
        }

        var errors = new List<FormFieldError>();
        if (answer["approved"] is not JsonValue approved || !approved.TryGetValue<bool>(out _))
        {
            errors.Add(new FormFieldError("approved", "choose approve or decline"));
        }

        if (answer["comment"] is JsonValue comment && comment.TryGetValue<string>(out var text) && text.Length > MaxCommentLength)
        {
            errors.Add(new FormFieldError("comment", $"must be at most {MaxCommentLength} characters"));
        }

        foreach (var (name, _) in answer)
        {
            if (name is not ("approved" or "comment"))
            {
                errors.Add(new FormFieldError(name, "is not part of the answer"));
            }
        }

        return errors;
    }

    /// <summary>
    /// A late answer or the expired page's button: tells the coordinators unless someone (the expiry trigger, an
    /// earlier request, another node) already did; <see cref="EmailActionExpiryNotifier"/> makes it once per link.
    /// </summary>
    private async Task NotifyExpiredAsync(EmailActionView view, CancellationToken ct)
    {
        if (view.Token.ExpiredNotifiedAt is not null)
        {
            return;
        }

        await expiry.NotifyAsync(view.Token.Id, ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }

    /// <summary>Rolls a completion back when another submission used the link first.</summary>
    private sealed class EmailActionUsedException : Exception
    {
        public EmailActionUsedException()
            : base("The email-action link was used by another submission.")
        {
        }
    }
}
