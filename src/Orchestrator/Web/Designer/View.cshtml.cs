using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Orchestrator.Designer;
using Orchestrator.Security;
using Orchestrator.Workflows;

namespace Orchestrator.Web.Designer;

/// <summary>
/// A deployed version, read-only (<c>/designer/view/{processId}/{version}</c>): the diagram in bpmn-js's viewer, its
/// text outline, its forms and scenarios, the XML to download; and the two ways on from it: roll back (deploy this
/// version again, with its forms and scenarios, as the newest) or start a draft from it.
/// </summary>
public sealed class ViewModel(DesignerCatalog catalog, DesignerDeployment deployment, DesignerDrafts drafts, IStringLocalizer<DesignerText> text) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The process.</summary>
    [BindProperty(SupportsGet = true)]
    public string ProcessId { get; set; } = "";

    /// <summary>The version.</summary>
    [BindProperty(SupportsGet = true)]
    public int Version { get; set; }

    /// <summary>The version's content.</summary>
    public VersionContent Deployed { get; private set; } = null!;

    /// <summary>The newest version.</summary>
    public int LatestVersion { get; private set; }

    /// <summary>What the script needs, as JSON.</summary>
    public string DataJson { get; private set; } = "{}";

    /// <summary>The designer's words, as JSON.</summary>
    public string WordsJson { get; private set; } = "{}";

    /// <summary>Why the last action could not be done, or <c>null</c>.</summary>
    public string? Problem { get; private set; }

    /// <summary>Loads the version.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such version (the page answers 404).</exception>
    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct).ConfigureAwait(false);

    /// <summary>Rolls back: deploys this version again as the newest.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IActionResult> OnPostRedeployAsync(CancellationToken ct)
    {
        try
        {
            var result = await deployment.RedeployAsync(ProcessId, Version, User.ToActor(), ct).ConfigureAwait(false);
            var mine = result.Processes.FirstOrDefault(p => p.ProcessId == ProcessId) ?? result.Processes[0];
            TempData["Status"] = text["View_RolledBack", ProcessId, Version, mine.Version].Value;
            return Redirect("/designer");
        }
        catch (DesignerInputException e)
        {
            Problem = text["View_RollbackRefused", string.Join(" ", e.Problems.Select(p => p.Message))].Value;
        }

        await LoadAsync(ct).ConfigureAwait(false);
        return Page();
    }

    /// <summary>Starts a draft from this version.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IActionResult> OnPostDraftAsync(CancellationToken ct)
    {
        try
        {
            await drafts.StartFromVersionAsync(ProcessId, Version, User.ToActor(), ct).ConfigureAwait(false);
            return Redirect(IndexModel.EditPath(ProcessId));
        }
        catch (DraftConflictException e)
        {
            Problem = text["View_DraftExists", e.Current?.UpdatedBy ?? ""].Value;
        }

        await LoadAsync(ct).ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Deployed = await catalog.GetVersionAsync(ProcessId, Version, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"Process '{ProcessId}' has no version {Version}.");
        LatestVersion = await catalog.LatestVersionAsync(ProcessId, ct).ConfigureAwait(false) ?? Version;
        DataJson = JsonSerializer.Serialize(new { processId = ProcessId, version = Version, xml = Deployed.Xml }, Json);
        WordsJson = EditModel.Words(text).Words;
    }
}
