using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Orchestrator.Notifications.Templates;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Notifications.Letters;

/// <summary>Renders a letter with the case's data and prints it (singleton; shared by the API and the <c>letter</c> job).</summary>
public sealed class LetterPrinter(LetterTemplates templates, ChromiumPdfPrinter printer, TimeProvider time)
{
    /// <summary>
    /// Whom a letter's variables are read as: a letter leaves the organisation, so its reader reads no sensitive category
    /// and a sensitive variable prints as its marker (<c>SensitiveDataGuard</c>).
    /// </summary>
    public static Actor Reader { get; } = Actor.ExternalRecipient("letter");

    /// <summary>The kind of letter documents.</summary>
    public const string LetterKind = "letter";

    /// <summary>The templates.</summary>
    public LetterTemplates Templates => templates;

    /// <summary>Renders and prints; the row is not added anywhere.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="businessKey">Its business key.</param>
    /// <param name="variables">The case's variables.</param>
    /// <param name="templateKey">The letter.</param>
    /// <param name="language">The language (default when <c>null</c> or missing).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="TemplateException">No such letter, or it names a value the case lacks.</exception>
    /// <exception cref="LetterPrintException">Chromium failed.</exception>
    public async Task<PreparedLetter> PrepareAsync(string instanceId, string? businessKey, JsonObject variables, string templateKey, string? language, CancellationToken cancellationToken)
    {
        var reference = NotificationLinks.CaseReference(businessKey, instanceId);
        var letter = templates.Render(templateKey, language, variables, reference, time.GetUtcNow());
        var pdf = await printer.PrintToPdfAsync(letter.Html, cancellationToken).ConfigureAwait(false);
        return new PreparedLetter(new CaseDocumentRecord
        {
            Id = Guid.NewGuid(),
            InstanceId = instanceId,
            BusinessKey = businessKey,
            Kind = LetterKind,
            TemplateKey = letter.Key,
            TemplateVersion = letter.TemplateVersion,
            Language = letter.Language,
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(pdf)),
            MediaType = "application/pdf",
            Size = pdf.LongLength,
            Content = pdf,
        }, letter.Html);
    }

    /// <summary>The history row that records a document was made (or read), in the same table as the engine's audit trail.</summary>
    /// <param name="document">The document.</param>
    /// <param name="type">The entry type (<c>LetterGenerated</c>, <c>DocumentRead</c>).</param>
    /// <param name="userId">Who.</param>
    /// <param name="at">When.</param>
    public static HistoryRecord Audit(CaseDocumentRecord document, string type, string userId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new HistoryRecord
        {
            InstanceId = document.InstanceId,
            At = at,
            Type = type,
            ItemId = document.Id.ToString(),
            UserId = ColumnText.Fit(userId, OrchestratorModel.NameLength),
            Detail = new JsonObject { ["templateKey"] = document.TemplateKey, ["language"] = document.Language, ["contentHash"] = document.ContentHash }.ToJsonString(),
        };
    }
}
