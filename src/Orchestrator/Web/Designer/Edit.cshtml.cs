using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Orchestrator.Designer;
using Orchestrator.Engine.Runtime;
using Orchestrator.Forms;
using Orchestrator.Security;

namespace Orchestrator.Web.Designer;

/// <summary>
/// The designer (<c>/designer/edit/{processId}</c>): the process's draft (started from its latest version when there
/// is none) in bpmn-js's Modeler (<c>ClientApp/src/pages/designer-edit.js</c>). The page carries what the script needs
/// (the draft, the handlers, the forms, the deployed processes and the words) as JSON in data attributes, so it opens
/// with no further request.
/// </summary>
public sealed class EditModel(
    DesignerDrafts drafts,
    DesignerCatalog catalog,
    DeployedForms forms,
    JobHandlerRegistry handlers,
    IStringLocalizer<DesignerText> text) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The process.</summary>
    [BindProperty(SupportsGet = true)]
    public string ProcessId { get; set; } = "";

    /// <summary>The draft.</summary>
    public DraftView Draft { get; private set; } = null!;

    /// <summary>The newest deployed version, or <c>null</c>.</summary>
    public int? LatestVersion { get; private set; }

    /// <summary>What the script needs, as JSON.</summary>
    public string DataJson { get; private set; } = "{}";

    /// <summary>The designer's words, as JSON (key → text).</summary>
    public string WordsJson { get; private set; } = "{}";

    /// <summary>bpmn-js's words, as JSON (English → the page's language).</summary>
    public string BpmnWordsJson { get; private set; } = "{}";

    /// <summary>Loads the draft (starting one from the latest version when there is none).</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task OnGetAsync(CancellationToken ct)
    {
        Draft = await drafts.OpenAsync(ProcessId, User.ToActor(), ct).ConfigureAwait(false);
        LatestVersion = await catalog.LatestVersionAsync(ProcessId, ct).ConfigureAwait(false);
        var processes = (await catalog.ListProcessesAsync(ct).ConfigureAwait(false)).Where(p => p.Versions.Count > 0).Select(p => p.ProcessId).ToList();
        var formList = (await forms.ListLatestAsync(ct).ConfigureAwait(false)).Select(f => new { key = f.Key, title = f.Title, version = f.Version });
        DataJson = JsonSerializer.Serialize(new
        {
            processId = ProcessId,
            latestVersion = LatestVersion,
            draft = Draft,
            handlers = HandlerCatalog.Views(handlers, text),
            forms = formList,
            processes,
        }, Json);
        (WordsJson, BpmnWordsJson) = Words(text);
    }

    /// <summary>
    /// The words the designer's scripts show: every DesignerText string in the page's language, and bpmn-js's own
    /// (<c>Bpmn_…</c>) as pairs of its English text and the page's.
    /// </summary>
    /// <param name="text">The designer's words.</param>
    /// <returns>The two dictionaries, as JSON.</returns>
    public static (string Words, string BpmnWords) Words(IStringLocalizer<DesignerText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var current = text.GetAllStrings(includeParentCultures: true).ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        var ui = CultureInfo.CurrentUICulture;
        Dictionary<string, string> english;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            english = text.GetAllStrings(includeParentCultures: true).ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }

        var bpmn = current.Where(p => p.Key.StartsWith("Bpmn_", StringComparison.Ordinal) && english.ContainsKey(p.Key))
            .GroupBy(p => english[p.Key], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        return (JsonSerializer.Serialize(current.Where(p => !p.Key.StartsWith("Bpmn_", StringComparison.Ordinal)).ToDictionary(), Json), JsonSerializer.Serialize(bpmn, Json));
    }
}
