using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.CaseFiles;

/// <summary>
/// The case file as staff work with it (scoped): open it whole (the file, where the child lives, the journeys' open
/// tasks, coming deadlines and one timeline, the documents), upload a document to it and download one. Opening is one
/// audited read through <see cref="CaseService.GetCaseAsync"/> (the caseload rule and the <c>CaseRead</c> row); uploads
/// and downloads check the same caseload (<see cref="CaseloadFilter"/>) and are audited (<c>DocumentUploaded</c>,
/// <c>DocumentRead</c>).
/// </summary>
public sealed class CaseFileService(OrchestratorDbContext db, CaseService cases, WorkflowRuntime runtime, TimeProvider time, IOptions<CaseDocumentOptions> options)
{
    /// <summary>The most entries a timeline shows (the newest).</summary>
    public const int TimelineLimit = 500;

    private readonly CaseDocumentOptions _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;

    /// <summary>The largest document accepted, in bytes.</summary>
    public long MaxDocumentBytes => _options.MaxBytes;

    /// <summary>
    /// Opens a case file whole, as <paramref name="actor"/> may: only when it is on their caseload (otherwise 403 and a
    /// <c>CaseReadRefused</c> row); the read is audited once.
    /// </summary>
    /// <param name="caseIdOrReference">The case id or reference.</param>
    /// <param name="actor">Who opens it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The file.</returns>
    /// <exception cref="WorkflowNotFoundException">No such case.</exception>
    /// <exception cref="WorkflowForbiddenException">Not on the actor's caseload.</exception>
    public async Task<CaseFile> OpenAsync(string caseIdOrReference, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var redacted = await cases.GetCaseAsync(caseIdOrReference, actor, ct).ConfigureAwait(false);
        var child = redacted.Value;
        var now = time.GetUtcNow();
        var documents = await DocumentsOfAsync(child.Id, child.Reference, ct).ConfigureAwait(false);
        var (instances, tasks, deadlines, history) = await new CaseJourneyReader(db, runtime).ReadAsync(child.Reference, now, TimelineLimit, ct).ConfigureAwait(false);
        var timeline = CaseTimelineBuilder.Build(child, documents, history, TimelineLimit);

        var people = await StaffNames.ResolveAsync(db,
            new[] { child.CreatedBy, child.ReferenceEducator }
                .Concat(tasks.Select(t => t.Assignee))
                .Concat(timeline.Select(t => t.By))
                .Concat(documents.Select(d => d.CreatedBy))
                .Concat(child.Opinions.Select(o => o.RecordedBy))
                .Concat(child.FamilyTracing.Select(f => f.RecordedBy)),
            ct).ConfigureAwait(false);
        string? Name(string? id) => id is null ? null : people.GetValueOrDefault(id, id);

        var journeys = new CaseJourneys(
            instances,
            [.. tasks.Select(t => t with { Assignee = Name(t.Assignee) })],
            deadlines,
            [.. timeline.Select(t => t with { By = Name(t.By) })]);
        return new CaseFile(child, await PlacementNameAsync(child, ct).ConfigureAwait(false), journeys, [.. documents.Select(d => d with { CreatedBy = Name(d.CreatedBy)! })], people)
        {
            Restricted = redacted.Restricted,
        };
    }

    /// <summary>The documents of a case, newest first (caseload-checked; the listing is audited as <c>DocumentsListed</c>).</summary>
    /// <param name="caseIdOrReference">The case id or reference.</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such case.</exception>
    /// <exception cref="WorkflowForbiddenException">Not on the actor's caseload.</exception>
    public async Task<IReadOnlyList<CaseFileDocument>> ListDocumentsAsync(string caseIdOrReference, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        var (caseId, reference) = await CaseloadFilter.EnsureAsync(db, caseIdOrReference, actor, now, ct).ConfigureAwait(false);
        CaseFileAudit.Add(db, caseId, "DocumentsListed", actor, now);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        var documents = await DocumentsOfAsync(caseId, reference, ct).ConfigureAwait(false);
        var people = await StaffNames.ResolveAsync(db, documents.Select(d => d.CreatedBy), ct).ConfigureAwait(false);
        return [.. documents.Select(d => d with { CreatedBy = people.GetValueOrDefault(d.CreatedBy, d.CreatedBy) })];
    }

    /// <summary>
    /// Stores a document with the case: a PDF, JPEG, PNG or WebP (recognised by its bytes) of at most
    /// <see cref="MaxDocumentBytes"/>, with its category and title. Bad input changes nothing and names the field.
    /// </summary>
    /// <param name="caseIdOrReference">The case id or reference.</param>
    /// <param name="upload">The file and what it is.</param>
    /// <param name="actor">Who uploads it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The stored document.</returns>
    /// <exception cref="CaseInputException">The category, title or file is missing or not accepted.</exception>
    /// <exception cref="WorkflowNotFoundException">No such case.</exception>
    /// <exception cref="WorkflowForbiddenException">Not on the actor's caseload.</exception>
    public async Task<CaseFileDocument> UploadAsync(string caseIdOrReference, NewDocumentUpload upload, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        var (caseId, _) = await CaseloadFilter.EnsureAsync(db, caseIdOrReference, actor, now, ct).ConfigureAwait(false);

        var category = upload.Category?.Trim();
        if (category is null || !DocumentCategories.All.Contains(category, StringComparer.Ordinal))
        {
            throw new CaseInputException("category", $"'{category}' is not one of {string.Join(", ", DocumentCategories.All)}.");
        }

        var title = upload.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            throw new CaseInputException("title", "is required.");
        }

        if (title.Length > CaseAttachmentModel.TitleLength)
        {
            throw new CaseInputException("title", $"is {title.Length.ToString(CultureInfo.InvariantCulture)} characters long; at most {CaseAttachmentModel.TitleLength.ToString(CultureInfo.InvariantCulture)} are kept.");
        }

        var content = await ReadAsync(upload, ct).ConfigureAwait(false);
        var mediaType = DocumentContentTypes.Detect(content)
            ?? throw new CaseInputException("file", "is not a PDF, JPEG, PNG or WebP file: its contents say otherwise, whatever its name.");
        var row = new CaseAttachment
        {
            Id = Guid.NewGuid(),
            CaseId = caseId,
            Category = category,
            Title = title,
            FileName = SafeFileName(upload.FileName),
            MediaType = mediaType,
            Size = content.LongLength,
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(content)),
            Content = content,
            UploadedBy = CaseFileAudit.Limit(actor.Id),
            UploadedAt = now,
        };
        db.Add(row);

        // The upload and its audit row commit together (one SaveChanges: one transaction).
        CaseFileAudit.Add(db, row.Id.ToString(), "DocumentUploaded", actor, now, new JsonObject
        {
            ["caseId"] = caseId,
            ["category"] = category,
            ["mediaType"] = mediaType,
            ["size"] = row.Size,
            ["contentHash"] = row.ContentHash,
        });
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        var uploader = await StaffNames.ResolveAsync(db, [row.UploadedBy], ct).ConfigureAwait(false);
        return new CaseFileDocument(row.Id, DocumentSources.Upload, row.Category, row.Title, row.FileName, row.MediaType, row.Size, uploader[row.UploadedBy], row.UploadedAt);
    }

    /// <summary>A document of the case with its bytes (caseload-checked; audited as <c>DocumentRead</c>).</summary>
    /// <param name="caseIdOrReference">The case id or reference.</param>
    /// <param name="documentId">An upload's or a letter's id.</param>
    /// <param name="actor">Who downloads it.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The file.</returns>
    /// <exception cref="WorkflowNotFoundException">No such case, or the case has no such document.</exception>
    /// <exception cref="WorkflowForbiddenException">Not on the actor's caseload.</exception>
    public async Task<DocumentDownload> DownloadAsync(string caseIdOrReference, Guid documentId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        var (caseId, reference) = await CaseloadFilter.EnsureAsync(db, caseIdOrReference, actor, now, ct).ConfigureAwait(false);
        DocumentDownload download;
        var upload = await db.Set<CaseAttachment>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == documentId && a.CaseId == caseId, ct).ConfigureAwait(false);
        if (upload is not null)
        {
            CaseFileAudit.Add(db, upload.Id.ToString(), "DocumentRead", actor, now, new JsonObject { ["caseId"] = caseId, ["source"] = DocumentSources.Upload, ["contentHash"] = upload.ContentHash });
            download = new DocumentDownload(DownloadName(reference, upload.Category, upload.UploadedAt, upload.MediaType), upload.MediaType, upload.Content);
        }
        else
        {
            var letter = await db.CaseDocuments.AsNoTracking()
                .SingleOrDefaultAsync(d => d.Id == documentId && db.Instances.Any(i => i.Id == d.InstanceId && i.BusinessKey == reference), ct).ConfigureAwait(false)
                ?? throw new WorkflowNotFoundException($"Case {reference} has no document '{documentId}'.");
            db.History.Add(new HistoryRecord
            {
                InstanceId = letter.InstanceId,
                At = now,
                Type = "DocumentRead",
                ItemId = letter.Id.ToString(),
                UserId = CaseFileAudit.Limit(actor.Id),
                Detail = new JsonObject { ["caseId"] = caseId, ["source"] = DocumentSources.Letter, ["templateKey"] = letter.TemplateKey, ["contentHash"] = letter.ContentHash }.ToJsonString(),
            });
            download = new DocumentDownload(DownloadName(reference, letter.TemplateKey, letter.CreatedAt, letter.MediaType), letter.MediaType, letter.Content);
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return download;
    }

    private async Task<List<CaseFileDocument>> DocumentsOfAsync(string caseId, string reference, CancellationToken ct)
    {
        var uploads = await db.Set<CaseAttachment>().AsNoTracking().Where(a => a.CaseId == caseId)
            .Select(a => new { a.Id, a.Category, a.Title, a.FileName, a.MediaType, a.Size, a.UploadedBy, a.UploadedAt })
            .ToListAsync(ct).ConfigureAwait(false);
        var letters = await db.CaseDocuments.AsNoTracking().Where(d => db.Instances.Any(i => i.Id == d.InstanceId && i.BusinessKey == reference))
            .Select(d => new { d.Id, d.TemplateKey, d.MediaType, d.Size, d.CreatedBy, d.CreatedAt })
            .ToListAsync(ct).ConfigureAwait(false);
        return [.. uploads.Select(a => new CaseFileDocument(a.Id, DocumentSources.Upload, a.Category, a.Title, a.FileName, a.MediaType, a.Size, a.UploadedBy, a.UploadedAt))
            .Concat(letters.Select(d => new CaseFileDocument(d.Id, DocumentSources.Letter, d.TemplateKey, d.TemplateKey, null, d.MediaType, d.Size, d.CreatedBy, d.CreatedAt)))
            .OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id)];
    }

    private async Task<string?> PlacementNameAsync(ChildCase child, CancellationToken ct)
    {
        if (child.PlacementId is not { } id)
        {
            return null;
        }

        if (child.PlacementType == PlacementTypes.FosterFamily)
        {
            var family = await db.FosterFamilies().AsNoTracking().Where(f => f.Id == id).Select(f => new { f.Name, f.Reference }).SingleOrDefaultAsync(ct).ConfigureAwait(false);
            return family is null ? id : $"{family.Name} ({family.Reference})";
        }

        return await db.Facilities().AsNoTracking().Where(f => f.Id == id).Select(f => f.Name).SingleOrDefaultAsync(ct).ConfigureAwait(false) ?? id;
    }

    /// <summary>Reads the upload into memory, refusing an empty file or one over the limit (also when the declared length lied).</summary>
    private async Task<byte[]> ReadAsync(NewDocumentUpload upload, CancellationToken ct)
    {
        var max = _options.MaxBytes;
        if (upload.Length > max)
        {
            throw new CaseInputException("file", TooLarge(upload.Length, max));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await upload.Content.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw new CaseInputException("file", TooLarge(buffer.Length + read, max));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0
            ? throw new CaseInputException("file", "is empty: choose a PDF, JPEG, PNG or WebP file.")
            : buffer.ToArray();
    }

    private static string TooLarge(long size, long max) =>
        string.Create(CultureInfo.InvariantCulture, $"is {size} bytes or more; at most {max} bytes ({max / (1024.0 * 1024.0):0.#} MB) are accepted.");

    private static string SafeFileName(string? name)
    {
        // Only the last part of what a browser sends (old browsers send a whole path), without control characters.
        var last = (name ?? "").Replace('\\', '/').Split('/').LastOrDefault() ?? "";
        var clean = new string([.. last.Where(c => !char.IsControl(c))]).Trim();
        if (clean.Length == 0)
        {
            return "document";
        }

        return clean.Length <= CaseAttachmentModel.FileNameLength ? clean : clean[^CaseAttachmentModel.FileNameLength..];
    }

    private static string DownloadName(string reference, string kind, DateTimeOffset at, string mediaType)
    {
        var safeKind = new string([.. kind.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-')]);
        return string.Create(CultureInfo.InvariantCulture, $"{reference}-{safeKind}-{at.UtcDateTime:yyyyMMdd}{DocumentContentTypes.Extension(mediaType)}");
    }
}
