using System.Text.Json.Nodes;
using Orchestrator.Cases.Sensitive;
using Orchestrator.Engine.Runtime;
using Orchestrator.Notifications.Effects;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Notifications.Templates;
using Orchestrator.Workflows;

namespace Orchestrator.Notifications.Letters;

/// <summary>
/// The <c>letter</c> job type: a service task with <c>orc:type="letter"</c> and input variables <c>template</c> (the
/// letter key) and <c>language</c> prints that letter with the variables visible at the task. The attempt renders and
/// prints (outside any transaction); the document row and its history entry are written in the completion's
/// transaction, so a letter exists exactly when the step committed. The task's output variable <c>documentId</c> names it.
/// With an input <c>recipientEmail</c>, the addressee is told by the email of the same key (reference only; a link to
/// the case for a member of staff), with the letter attached as PDF when that email asks for it (<c>attach: letter</c>).
/// A missing template, a value the letter needs but the case lacks, or a print failure fails the attempt (retries,
/// then an incident on the element, with the reason).
/// </summary>
public sealed class LetterJobHandler(LetterPrinter printer, IServiceScopeFactory scopes, ILogger<LetterJobHandler> logger, TemplateCatalog emails, EmailOutbox outbox, NotificationLinks links)
    : TwoStepJobHandler<PreparedLetter>(scopes)
{
    /// <summary>The job type (<c>orc:type</c>).</summary>
    public const string JobType = "letter";

    /// <summary>The output variable that holds the new document's id.</summary>
    public const string DocumentIdVariable = "documentId";

    /// <inheritdoc/>
    protected override string ElementKind => "Letter task";

    /// <inheritdoc/>
    protected override async ValueTask<JobOutcome> PrepareAsync(JobContext context, CancellationToken cancellationToken)
    {
        JsonObject variables;
        await using (var scope = Scopes.CreateAsyncScope())
        {
            variables = scope.ServiceProvider.GetRequiredService<SensitiveDataGuard>().RedactVariables(context.Variables, LetterPrinter.Reader, out _);
        }

        var template = variables["template"] is JsonValue t && t.TryGetValue<string>(out var key) ? key.Trim() : "";
        if (template.Length == 0)
        {
            return Fail(context, $"the input variable 'template' (the letter's key) is missing; known letters: {string.Join(", ", printer.Templates.Keys)}.");
        }

        if (!printer.Templates.Contains(template))
        {
            return Fail(context, $"there is no letter template '{template}'; known: {string.Join(", ", printer.Templates.Keys)}.");
        }

        var language = variables["language"] is JsonValue l && l.TryGetValue<string>(out var lang) ? lang : null;
        if (RecipientOf(variables) is { } recipient && !EmailAddresses.IsPlain(recipient))
        {
            return Fail(context, $"recipientEmail '{recipient}' is not an email address.");
        }

        var businessKey = await BusinessKeyAsync(context.Job.InstanceId, cancellationToken).ConfigureAwait(false);
        try
        {
            var prepared = await printer.PrepareAsync(context.Job.InstanceId, businessKey, variables, template, language, cancellationToken).ConfigureAwait(false);
            return Prepared(prepared, new JsonObject { [DocumentIdVariable] = prepared.Record.Id.ToString() });
        }
        catch (Exception e) when (e is TemplateException or LetterPrintException)
        {
            return Fail(context, e.Message);
        }
    }

    /// <inheritdoc/>
    protected override async Task StageAsync(JobContext context, PreparedLetter prepared, AppliedChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var document = prepared.Record;
        document.CreatedBy = Persistence.ColumnText.Fit(change.Actor.Id, Persistence.OrchestratorModel.NameLength);
        document.CreatedAt = change.Now;
        change.Db.CaseDocuments.Add(document);
        change.Db.History.Add(LetterPrinter.Audit(document, "LetterGenerated", change.Actor.Id, change.Now));
        change.AfterCommit(() => LetterLog.Printed(logger, document.TemplateKey, document.Language, document.InstanceId, document.Id, document.Size));

        // The addressee (a family, a consulate) is told by email that the letter exists — the email of the same key,
        // with the reference, and the letter itself attached when that email asks for it.
        if (RecipientOf(context.Variables) is not { } recipient || !emails.EmailKeys.Contains(document.TemplateKey))
        {
            return;
        }

        var reference = NotificationLinks.CaseReference(document.BusinessKey, document.InstanceId);
        var staff = await StaffDirectory.StaffAddressesAsync(change.Db, [recipient], cancellationToken).ConfigureAwait(false);
        var model = new EmailModel(reference, staff.Contains(recipient) ? links.Case(reference) : null) { Reason = "send-task" };
        IReadOnlyList<OutboxAttachment> attachments = emails.AttachesLetter(document.TemplateKey) ? [new OutboxAttachment(document.Id, FileName(document.TemplateKey, reference))] : [];
        outbox.Enqueue(change, new OutgoingEmail(recipient, emails.RenderEmail(document.TemplateKey, document.Language, model))
        {
            InstanceId = document.InstanceId,
            Attachments = attachments,
        });
    }

    /// <summary>The attachment's name: the letter's key and the reference, with nothing a file system would refuse.</summary>
    private static string FileName(string templateKey, string reference) =>
        new string($"{templateKey}-{reference}".Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray()) + ".pdf";

    private static string? RecipientOf(JsonObject variables) =>
        variables["recipientEmail"] is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}
