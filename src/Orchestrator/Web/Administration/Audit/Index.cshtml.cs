using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Orchestrator.Security;
using Orchestrator.Supervision;
using Orchestrator.Web.Common;
using Orchestrator.Web.Supervision;

namespace Orchestrator.Web.Administration.Audit;

/// <summary>
/// <c>/administration/audit</c>: who read or changed which case when, newest first, filterable by case, person and date,
/// a page at a time and as CSV (data managers and admins). Every read and export is itself audited by
/// <see cref="AuditTrail"/>. Rows name what was touched, never its value, so an export carries no case data.
/// </summary>
public sealed class IndexModel(AuditTrail audit, StaffAdministration staff, DisplayFormat format, IStringLocalizer<AdministrationText> text,
    IStringLocalizer<SupervisionText> words) : PageModel
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 100;

    /// <summary>Only this case reference.</summary>
    [BindProperty(SupportsGet = true, Name = "case")]
    public string? CaseReference { get; set; }

    /// <summary>Only this person (user id).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Person { get; set; }

    /// <summary>From this day.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    /// <summary>Up to this day.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>The page's cursor.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    /// <summary>The rows.</summary>
    public AuditPage Rows { get; private set; } = new([], null);

    /// <summary>The people (to choose one; to name them).</summary>
    public StaffNames Names { get; private set; } = null!;

    /// <summary>What is wrong with the dates.</summary>
    public string? DateError { get; private set; }

    /// <summary>An audit type in words.</summary>
    /// <param name="type">The history type.</param>
    /// <returns>The words.</returns>
    public string Words(string type) => words["Type_" + type] is { ResourceNotFound: false } s ? s.Value : type;

    /// <summary>The query string of these filters (next page, export).</summary>
    public string FilterQuery
    {
        get
        {
            var parts = new List<string>();
            if (!string.IsNullOrWhiteSpace(CaseReference))
            {
                parts.Add("case=" + Uri.EscapeDataString(CaseReference.Trim()));
            }

            if (!string.IsNullOrWhiteSpace(Person))
            {
                parts.Add("person=" + Uri.EscapeDataString(Person));
            }

            if (From is { } from)
            {
                parts.Add("from=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            if (To is { } to)
            {
                parts.Add("to=" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            return string.Join("&", parts);
        }
    }

    /// <summary>Shows a page of the audit (and records the read).</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task OnGetAsync(CancellationToken ct)
    {
        Names = await StaffNames.LoadAsync(staff, ct).ConfigureAwait(false);
        if (From is { } from && To is { } to && to < from)
        {
            DateError = text["Audit_DatesOrder"];
            return;
        }

        try
        {
            Rows = await audit.ReadAsync(Query(After), User.ToActor(), ct).ConfigureAwait(false);
        }
        catch (ArgumentException) when (After is not null)
        {
            Rows = await audit.ReadAsync(Query(null), User.ToActor(), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Every row of the filters as CSV (the export is recorded).</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The file, written as it is read.</returns>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        Names = await StaffNames.LoadAsync(staff, ct).ConfigureAwait(false);
        if (From is { } from && To is { } to && to < from)
        {
            return BadRequest();
        }

        var fileName = string.Create(CultureInfo.InvariantCulture, $"{text["Audit_File"].Value}-{format.Today:yyyy-MM-dd}.csv");
        var query = Query(null);
        var actor = User.ToActor();
        return new CsvResult(fileName, async (writer, aborted) =>
        {
            await writer.WriteAsync(CsvText.Line(text["Col_When"], text["Col_Who"], text["Col_What"], text["Col_Case"], text["Col_About"], text["Col_Type"], text["Col_Instance"]))
                .ConfigureAwait(false);
            await foreach (var row in audit.ExportAsync(query, actor, aborted).ConfigureAwait(false))
            {
                await writer.WriteAsync(CsvText.Line(
                    format.Local(row.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Names.Of(row.UserId), Words(row.Type), row.CaseReference,
                    row.Subject, row.Type, row.InstanceId)).ConfigureAwait(false);
            }
        });
    }

    private AuditQuery Query(string? after) => new()
    {
        CaseReference = string.IsNullOrWhiteSpace(CaseReference) ? null : CaseReference.Trim(),
        UserId = string.IsNullOrWhiteSpace(Person) ? null : Person,
        From = From,
        To = To,
        After = after,
        Limit = PageSize,
    };
}
