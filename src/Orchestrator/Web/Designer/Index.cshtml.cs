using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Orchestrator.Designer;
using Orchestrator.Hosting;
using Orchestrator.Security;

namespace Orchestrator.Web.Designer;

/// <summary>
/// The designer's list (<c>/designer</c>): every process with its versions (who deployed, when, running instances),
/// each version opened read-only, the latest or a draft opened for editing; a new diagram; a <c>.bpmn</c> file opened
/// from disk (read with the engine's hardened reader: a hostile or broken file is refused with the reason and nothing
/// is saved). Reads and writes through the same services as <c>/api/designer</c>.
/// </summary>
public sealed class IndexModel(DesignerCatalog catalog, DesignerDrafts drafts, IOptions<OrchestratorOptions> options, IStringLocalizer<DesignerText> text) : PageModel
{
    /// <summary>The processes.</summary>
    public IReadOnlyList<ProcessSummary> Processes { get; private set; } = [];

    /// <summary>What just happened (a deploy, a discarded draft), or <c>null</c>.</summary>
    public string? Status { get; private set; }

    /// <summary>The new process id typed.</summary>
    [BindProperty]
    public string? NewProcessId { get; set; }

    /// <summary>The new process name typed.</summary>
    [BindProperty]
    public string? NewName { get; set; }

    /// <summary>Errors of the new-diagram form, by field.</summary>
    public IReadOnlyDictionary<string, string> NewErrors { get; private set; } = new Dictionary<string, string>();

    /// <summary>Why the file could not be opened (one line per problem); empty when it was not tried.</summary>
    public IReadOnlyList<string> OpenErrors { get; private set; } = [];

    /// <summary>The engine's XML reader refuses larger files (5 MiB).</summary>
    private const long ReaderLimit = 5 * 1024 * 1024;

    /// <summary>The largest file the page sends: the request limit, or the engine's reader's if that is smaller.</summary>
    public long MaxFileBytes => Math.Min(options.Value.MaxRequestBodyBytes - MultipartOverhead, ReaderLimit);

    /// <summary>Room for the multipart envelope around the file within the request limit.</summary>
    private const long MultipartOverhead = 16 * 1024;

    /// <summary>Loads the list.</summary>
    /// <param name="deployed">A process just deployed (the script comes back here after a deploy).</param>
    /// <param name="version">Its version.</param>
    /// <param name="created">Whether that was a new version.</param>
    /// <param name="discarded">A process whose draft was just discarded.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task OnGetAsync(string? deployed, int? version, bool? created, string? discarded, CancellationToken ct)
    {
        if (deployed is not null && version is not null)
        {
            Status = created == false ? text["Index_DeployedUnchanged", deployed, version].Value : text["Index_Deployed", deployed, version].Value;
        }
        else if (discarded is not null)
        {
            Status = text["Index_Discarded", discarded].Value;
        }

        Processes = await catalog.ListProcessesAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Starts a draft of a new process.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IActionResult> OnPostNewAsync(CancellationToken ct)
    {
        try
        {
            var draft = await drafts.StartNewAsync(NewProcessId ?? string.Empty, NewName, User.ToActor(), ct).ConfigureAwait(false);
            return Redirect(EditPath(draft.ProcessId));
        }
        catch (DesignerInputException e)
        {
            NewErrors = new Dictionary<string, string>
            {
                ["NewProcessId"] = (e.Problems.Count > 0 ? e.Problems[0].Code : null) == "process-exists" ? text["New_Exists", NewProcessId ?? ""].Value : text["New_InvalidId"].Value,
            };
        }
        catch (DraftConflictException)
        {
            NewErrors = new Dictionary<string, string> { ["NewProcessId"] = text["New_DraftExists", NewProcessId ?? ""].Value };
        }

        Processes = await catalog.ListProcessesAsync(ct).ConfigureAwait(false);
        return Page();
    }

    /// <summary>Starts a draft from a file opened from disk.</summary>
    /// <param name="file">The file.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IActionResult> OnPostOpenAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            OpenErrors = [text["Open_NoFile"].Value];
        }
        else if (file.Length > MaxFileBytes)
        {
            OpenErrors = [text["Open_TooLarge", Megabytes(file.Length), Megabytes(MaxFileBytes)].Value];
        }
        else
        {
            string xml;
            using (var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
            {
                xml = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
            }

            try
            {
                var draft = await drafts.StartFromFileAsync(xml, Path.GetFileName(file.FileName), User.ToActor(), ct).ConfigureAwait(false);
                return Redirect(EditPath(draft.ProcessId));
            }
            catch (DesignerInputException e)
            {
                OpenErrors = [text["Open_Refused", Path.GetFileName(file.FileName)].Value, .. e.Problems.Select(p => p.Message)];
            }
            catch (DraftConflictException e)
            {
                OpenErrors = [text["Open_DraftExists", e.Current?.ProcessId ?? "", e.Current?.UpdatedBy ?? ""].Value];
            }
        }

        Processes = await catalog.ListProcessesAsync(ct).ConfigureAwait(false);
        return Page();
    }

    /// <summary>The editor of a process.</summary>
    /// <param name="processId">The process.</param>
    public static string EditPath(string processId) => "/designer/edit/" + Uri.EscapeDataString(processId);

    /// <summary>A deployed version, read-only.</summary>
    /// <param name="processId">The process.</param>
    /// <param name="version">The version.</param>
    public static string ViewPath(string processId, int version) =>
        "/designer/view/" + Uri.EscapeDataString(processId) + "/" + version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.#", System.Globalization.CultureInfo.CurrentCulture);
}
