using Microsoft.EntityFrameworkCore;
using Orchestrator.Cases.Sensitive;
using Orchestrator.Engine.Runtime;
using Orchestrator.Notifications.Templates;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Notifications.Letters;

/// <summary>
/// Letters of a case (scoped): generate one from the API, list a case's documents, download one. Every read adds a
/// history row (<c>DocumentsListed</c>, <c>DocumentRead</c>), like reading an instance does.
/// </summary>
public sealed class LetterService(OrchestratorDbContext db, LetterPrinter printer, SensitiveDataGuard sensitive, TimeProvider time, ILogger<LetterService> logger)
{
    /// <summary>Renders a letter with the instance's variables, prints it and stores it as a document of the case.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="templateKey">The letter template.</param>
    /// <param name="language">The language (<c>null</c>: the default).</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such instance.</exception>
    /// <exception cref="ArgumentException">No template key, or no such letter template.</exception>
    /// <exception cref="TemplateException">The letter names a value the case lacks.</exception>
    /// <exception cref="LetterPrintException">Chromium failed.</exception>
    public Task<CaseDocumentView> GenerateAsync(string instanceId, string templateKey, string? language, Actor actor, CancellationToken cancellationToken) =>
        GenerateAsync(instanceId, templateKey, language, actor, null, cancellationToken);

    /// <summary>
    /// Renders, prints and stores a letter; <paramref name="inSameTransaction"/> adds rows that must be saved with the
    /// document or not at all (the request's <c>Idempotency-Key</c> record).
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="templateKey">The letter template.</param>
    /// <param name="language">The language (<c>null</c>: the default).</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="inSameTransaction">Runs after the document was staged, before the one save; may throw to store nothing.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such instance.</exception>
    /// <exception cref="ArgumentException">No template key, or no such letter template.</exception>
    /// <exception cref="TemplateException">The letter names a value the case lacks.</exception>
    /// <exception cref="LetterPrintException">Chromium failed.</exception>
    public async Task<CaseDocumentView> GenerateAsync(string instanceId, string templateKey, string? language, Actor actor,
        Func<OrchestratorDbContext, DateTimeOffset, CancellationToken, Task>? inSameTransaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(templateKey))
        {
            throw new ArgumentException("\"template\" is required: the key of a letter template (templates/letters/<key>.<language>.scriban-html).", nameof(templateKey));
        }

        if (!printer.Templates.Contains(templateKey))
        {
            throw new ArgumentException($"There is no letter template '{templateKey}'; known: {string.Join(", ", printer.Templates.Keys)}.", nameof(templateKey));
        }

        var row = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => new { i.BusinessKey, i.State })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No process instance '{instanceId}'.");
        var variables = sensitive.RedactVariables(ProcessInstanceState.FromJson(row.State).Variables, LetterPrinter.Reader, out _);
        var prepared = await printer.PrepareAsync(instanceId, row.BusinessKey, variables, templateKey, language, cancellationToken).ConfigureAwait(false);
        var document = prepared.Record;
        document.CreatedBy = Limit(actor.Id);
        document.CreatedAt = time.GetUtcNow();
        db.CaseDocuments.Add(document);
        db.History.Add(LetterPrinter.Audit(document, "LetterGenerated", actor.Id, document.CreatedAt));
        try
        {
            if (inSameTransaction is not null)
            {
                await inSameTransaction(db, document.CreatedAt, cancellationToken).ConfigureAwait(false);
            }

            // One save: the document, its audit row and the caller's rows commit together.
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        LetterLog.Printed(logger, document.TemplateKey, document.Language, instanceId, document.Id, document.Size);
        return View(document);
    }

    /// <summary>The documents of an instance, newest first (the read is audited).</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such instance.</exception>
    public async Task<IReadOnlyList<CaseDocumentView>> ListAsync(string instanceId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!await db.Instances.AnyAsync(i => i.Id == instanceId, cancellationToken).ConfigureAwait(false))
        {
            throw new WorkflowNotFoundException($"No process instance '{instanceId}'.");
        }

        db.History.Add(new HistoryRecord { InstanceId = instanceId, At = time.GetUtcNow(), Type = "DocumentsListed", UserId = Limit(actor.Id) });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        var rows = await db.CaseDocuments.AsNoTracking().Where(d => d.InstanceId == instanceId)
            .Select(d => new CaseDocumentView(d.Id, d.InstanceId, d.BusinessKey, d.Kind, d.TemplateKey, d.TemplateVersion, d.Language, d.ContentHash, d.MediaType, d.Size, d.CreatedBy, d.CreatedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id)];
    }

    /// <summary>One document with its content (the read is audited on its instance).</summary>
    /// <param name="documentId">The document id.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such document.</exception>
    public async Task<CaseDocumentContent> DownloadAsync(Guid documentId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var document = await db.CaseDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No document '{documentId}'.");
        db.History.Add(LetterPrinter.Audit(document, "DocumentRead", actor.Id, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return new CaseDocumentContent(View(document), document.Content);
    }

    /// <summary>The metadata of a row.</summary>
    /// <param name="d">The row.</param>
    public static CaseDocumentView View(CaseDocumentRecord d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Id, d.InstanceId, d.BusinessKey, d.Kind, d.TemplateKey, d.TemplateVersion, d.Language, d.ContentHash, d.MediaType, d.Size, d.CreatedBy, d.CreatedAt);
    }

    private static string Limit(string value) => ColumnText.Fit(value, OrchestratorModel.NameLength);
}
