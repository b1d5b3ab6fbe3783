using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Orchestrator.Cases;
using Orchestrator.Cases.CaseFiles;
using Orchestrator.Security;

namespace Orchestrator.Web.Cases;

/// <summary>
/// The case file (<c>/cases/{reference}</c>): the child and the case, the journeys' open tasks, coming deadlines and
/// one timeline, the restitution plan, the life plan, evaluations, family tracing, the child's opinions, the documents
/// and letters. Opening it is one audited read through <see cref="CaseFileService.OpenAsync"/>, which keeps to the
/// reader's caseload (others get the 403 page; the refusal is audited). Coordinators and data managers add measures,
/// objectives and tracing steps through <see cref="CaseService"/> with the rules and messages of the API; staff who
/// may open the file upload documents to it. The page prints cleanly (the print stylesheet of <c>site.css</c>).
/// </summary>
public sealed class DetailsModel(
    CaseFileService files,
    CaseService cases,
    CaseRegistrationService registrations,
    IAuthorizationService authorization,
    IStringLocalizer<CasesText> text) : PageModel
{
    /// <summary>A measure being added.</summary>
    [BindProperty]
    public MeasureForm Measure { get; set; } = new();

    /// <summary>An objective being added.</summary>
    [BindProperty]
    public ObjectiveForm Objective { get; set; } = new();

    /// <summary>A tracing step being recorded.</summary>
    [BindProperty]
    public TracingForm Tracing { get; set; } = new();

    /// <summary>A document being uploaded.</summary>
    [BindProperty]
    public DocumentForm Document { get; set; } = new();

    /// <summary>The case file.</summary>
    public CaseFile CaseFile { get; private set; } = null!;

    /// <summary>Whether the person adds measures, objectives and tracing steps (coordinators, data managers, admins).</summary>
    public bool CanWrite { get; private set; }

    /// <summary>Whether the case has no <c>child-journey</c> and the person may start one.</summary>
    public bool CanStartJourney { get; private set; }

    /// <summary>Problems of the form that was sent, by field key (<c>measure.dueDate</c>).</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The form that was sent with problems (it is shown open).</summary>
    public string? OpenForm { get; private set; }

    /// <summary>The largest document accepted, in bytes.</summary>
    public long MaxDocumentBytes => files.MaxDocumentBytes;

    /// <summary>Opens the case file.</summary>
    /// <param name="reference">The case reference.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        await LoadAsync(reference, ct).ConfigureAwait(false);
        return Page();
    }

    /// <summary>Downloads a document or letter of the case (audited).</summary>
    /// <param name="reference">The case reference.</param>
    /// <param name="id">The document id.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The file.</returns>
    public async Task<IActionResult> OnGetDocumentAsync(string reference, Guid id, CancellationToken ct)
    {
        var download = await files.DownloadAsync(reference, id, User.ToActor(), ct).ConfigureAwait(false);
        return File(download.Content, download.MediaType, download.FileName);
    }

    /// <summary>Adds a restitution measure.</summary>
    /// <param name="reference">The case reference.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The case file again.</returns>
    public async Task<IActionResult> OnPostMeasureAsync(string reference, CancellationToken ct)
    {
        if (!await MayWriteAsync().ConfigureAwait(false))
        {
            return Forbid();
        }

        var start = ParseDate("measure.startDate", Measure.StartDate);
        var due = ParseDate("measure.dueDate", Measure.DueDate);
        return await SaveAsync(reference, "measure", "measures", text["Measure_Added"], async actor =>
            await cases.AddMeasureAsync(reference, new NewMeasureRequest(Measure.RightConcerned?.Trim(), Measure.Text?.Trim(), Measure.ResponsibleInstitution?.Trim(),
                Blank(Measure.ResponsiblePerson), start, due, Blank(Measure.Status)), actor, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
    }

    /// <summary>Adds a life-plan objective.</summary>
    /// <param name="reference">The case reference.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The case file again.</returns>
    public async Task<IActionResult> OnPostObjectiveAsync(string reference, CancellationToken ct)
    {
        if (!await MayWriteAsync().ConfigureAwait(false))
        {
            return Forbid();
        }

        return await SaveAsync(reference, "objective", "life-plan", text["Objective_Added"], async actor =>
            await cases.AddObjectiveAsync(reference, new NewObjectiveRequest(Blank(Objective.Programme), Blank(Objective.Horizon), Objective.Description?.Trim()), actor, ct).ConfigureAwait(false),
            ct).ConfigureAwait(false);
    }

    /// <summary>Records a step of family tracing.</summary>
    /// <param name="reference">The case reference.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The case file again.</returns>
    public async Task<IActionResult> OnPostTracingAsync(string reference, CancellationToken ct)
    {
        if (!await MayWriteAsync().ConfigureAwait(false))
        {
            return Forbid();
        }

        if (Tracing.FamilyFound is not ("yes" or "no"))
        {
            Errors["tracing.familyFound"] = text["Error_Choose"];
        }

        var found = Tracing.FamilyFound == "yes";
        return await SaveAsync(reference, "tracing", "tracing", text["Tracing_Added"], async actor =>
            await cases.AddTracingAsync(reference, new NewTracingRequest(found, found ? Blank(Tracing.FamilyLocation) : null, Blank(Tracing.Notes)), actor, ct).ConfigureAwait(false),
            ct).ConfigureAwait(false);
    }

    /// <summary>Uploads a document to the case.</summary>
    /// <param name="reference">The case reference.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The case file again.</returns>
    public async Task<IActionResult> OnPostDocumentAsync(string reference, CancellationToken ct)
    {
        var file = Document.File;
        if (file is null)
        {
            Errors["document.file"] = text["Error_FileRequired"];
        }

        var title = Document.Title?.Trim() ?? "";
        return await SaveAsync(reference, "document", "documents", text["Uploaded", title], async actor =>
        {
            var stream = file!.OpenReadStream();
            await using (stream.ConfigureAwait(false))
            {
                await files.UploadAsync(reference, new NewDocumentUpload(Document.Category, title, file.FileName, file.Length, stream), actor, ct).ConfigureAwait(false);
            }
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Starts the child's journey for a case that has none.</summary>
    /// <param name="reference">The case reference.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The case file again.</returns>
    public async Task<IActionResult> OnPostJourneyAsync(string reference, CancellationToken ct)
    {
        if (!await MayWriteAsync().ConfigureAwait(false))
        {
            return Forbid();
        }

        await registrations.StartJourneyAsync(reference, null, User.ToActor(), ct).ConfigureAwait(false);
        TempData["Status"] = text["JourneyStarted"].Value;
        return LocalRedirect($"/cases/{Uri.EscapeDataString(reference)}#tasks");
    }

    /// <summary>Runs a change and goes back to its section; shows the form's problems at their fields instead.</summary>
    private async Task<IActionResult> SaveAsync(string reference, string form, string section, string done, Func<Workflows.Actor, Task> change, CancellationToken ct)
    {
        if (Errors.Count == 0)
        {
            try
            {
                await change(User.ToActor()).ConfigureAwait(false);
                TempData["Status"] = done;
                return LocalRedirect($"/cases/{Uri.EscapeDataString(reference)}#{section}");
            }
            catch (CaseInputException e)
            {
                Errors[$"{form}.{e.Field}"] = CaseInputMessages.Translate(e, text);
            }
        }

        OpenForm = form;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(reference, ct).ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync(string reference, CancellationToken ct)
    {
        CaseFile = await files.OpenAsync(reference, User.ToActor(), ct).ConfigureAwait(false);
        CanWrite = await MayWriteAsync().ConfigureAwait(false);
        CanStartJourney = CanWrite && !CaseFile.Journeys.Instances.Any(i => i.ProcessId == CaseRegistrationService.JourneyProcessId);
    }

    private async Task<bool> MayWriteAsync() =>
        (await authorization.AuthorizeAsync(User, Policies.CasesWrite).ConfigureAwait(false)).Succeeded;

    private DateOnly? ParseDate(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Errors[key] = text["Error_Date"];
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
