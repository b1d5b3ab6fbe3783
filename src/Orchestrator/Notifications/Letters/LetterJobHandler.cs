using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Runtime;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Notifications.Templates;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Notifications.Letters;

/// <summary>
/// The <c>letter</c> job type: a service task with <c>orc:type="letter"</c> and input variables <c>template</c> (the
/// letter key) and <c>language</c> prints that letter with the variables visible at the task. The attempt renders and
/// prints (outside any transaction); the document row and its history entry are written in the completion's
/// transaction, so a letter exists exactly when the step committed. The task's output variable <c>documentId</c> names it.
/// A missing template, a value the letter needs but the case lacks, or a print failure fails the attempt (retries,
/// then an incident on the element, with the reason).
/// </summary>
public sealed class LetterJobHandler(LetterPrinter printer, IServiceScopeFactory scopes, ILogger<LetterJobHandler> logger, TemplateCatalog emails, EmailOutbox outbox, NotificationLinks links) : ITransactionalJobHandler
{
    /// <summary>The job type (<c>orc:type</c>).</summary>
    public const string JobType = "letter";

    /// <summary>The output variable that holds the new document's id.</summary>
    public const string DocumentIdVariable = "documentId";

    /// <inheritdoc/>
    public async ValueTask<JobOutcome> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var element = context.Job.ElementId;
        var variables = context.Variables;
        var template = variables["template"] is JsonValue t && t.TryGetValue<string>(out var key) ? key.Trim() : "";
        if (template.Length == 0)
        {
            return JobOutcome.Fail($"Letter task {element}: the input variable 'template' (the letter's key) is missing; known letters: {string.Join(", ", printer.Templates.Keys)}.");
        }

        if (!printer.Templates.Contains(template))
        {
            return JobOutcome.Fail($"Letter task {element}: there is no letter template '{template}'; known: {string.Join(", ", printer.Templates.Keys)}.");
        }

        var language = variables["language"] is JsonValue l && l.TryGetValue<string>(out var lang) ? lang : null;
        if (RecipientOf(variables) is { } recipient && !EmailAddresses.IsPlain(recipient))
        {
            return JobOutcome.Fail($"Letter task {element}: recipientEmail '{recipient}' is not an email address.");
        }

        var scope = scopes.CreateAsyncScope();
        string? businessKey;
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            businessKey = await db.Instances.AsNoTracking().Where(i => i.Id == context.Job.InstanceId).Select(i => i.BusinessKey).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var prepared = await printer.PrepareAsync(context.Job.InstanceId, businessKey, variables, template, language, cancellationToken).ConfigureAwait(false);
            return JobOutcome.Complete(new JsonObject { [DocumentIdVariable] = prepared.Record.Id.ToString() }, prepared);
        }
        catch (Exception e) when (e is TemplateException or LetterPrintException)
        {
            return JobOutcome.Fail($"Letter task {element}: {e.Message}");
        }
    }

    /// <inheritdoc/>
    public Task OnCompletingAsync(JobContext context, JobCompleted outcome, AppliedChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(change);
        if (outcome.Attachment is not PreparedLetter letter)
        {
            throw new InvalidOperationException($"Letter task {context.Job.ElementId}: the completed attempt carries no printed letter.");
        }

        var document = letter.Record;
        document.CreatedBy = change.Actor.Id;
        document.CreatedAt = change.Now;
        change.Db.CaseDocuments.Add(document);
        change.Db.History.Add(LetterPrinter.Audit(document, "LetterGenerated", change.Actor.Id, change.Now));
        change.AfterCommit(() => LetterLog.Printed(logger, document.TemplateKey, document.Language, document.InstanceId, document.Id, document.Size));

        // The addressee (a family, a consulate) is told by email that the letter exists — the email of the same key, with
        // the reference and a link only; the letter itself stays a document of the case behind the sign-in.
        if (RecipientOf(context.Variables) is { } recipient && emails.EmailKeys.Contains(document.TemplateKey))
        {
            var reference = NotificationLinks.CaseReference(document.BusinessKey, document.InstanceId);
            var model = new EmailModel(reference, links.Case(reference)) { Reason = "send-task" };
            outbox.Enqueue(change, new OutgoingEmail(recipient, emails.RenderEmail(document.TemplateKey, document.Language, model)) { InstanceId = document.InstanceId });
        }

        return Task.CompletedTask;
    }

    private static string? RecipientOf(JsonObject variables) =>
        variables["recipientEmail"] is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}
