using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Orchestrator.Cases;
using Orchestrator.Security;
using Orchestrator.Supervision;
using Orchestrator.Web.Common;

namespace Orchestrator.Web.Supervision;

/// <summary>
/// <c>/supervision/deadlines</c>: every open task and pending timer that falls due within N days (7 by default) or is
/// already late, soonest first, by case, worker and facility, named in words from the journeys' element names (reception's
/// day 45, the fortnightly evaluation, the consulate's reply, a certificate's renewal); a page at a time, and as CSV.
/// </summary>
public sealed class DeadlinesModel(DeadlineWatch deadlines, StaffAdministration staff, FacilityService facilities, DisplayFormat format, IStringLocalizer<SupervisionText> text)
    : PageModel
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 100;

    /// <summary>Days ahead.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Days { get; set; }

    /// <summary>Only this case reference.</summary>
    [BindProperty(SupportsGet = true, Name = "case")]
    public string? CaseReference { get; set; }

    /// <summary>Only this worker (user id).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Worker { get; set; }

    /// <summary>Only cases placed in this facility (id).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Facility { get; set; }

    /// <summary>The page's cursor.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    /// <summary>The deadlines.</summary>
    public DeadlinePage Deadlines { get; private set; } = null!;

    /// <summary>The people (to choose a worker; to name them).</summary>
    public StaffNames Names { get; private set; } = null!;

    /// <summary>The facilities (to choose one; to name them).</summary>
    public IReadOnlyList<FacilityView> Facilities { get; private set; } = [];

    /// <summary>What is wrong with the number of days.</summary>
    public string? DaysError { get; private set; }

    /// <summary>The window used.</summary>
    public int Window => DaysError is null ? Days ?? DeadlineQuery.DefaultDays : DeadlineQuery.DefaultDays;

    /// <summary>The query string of these filters (for the next page and the export).</summary>
    public string FilterQuery
    {
        get
        {
            var parts = new List<string> { "days=" + Window.ToString(CultureInfo.InvariantCulture) };
            if (!string.IsNullOrWhiteSpace(CaseReference))
            {
                parts.Add("case=" + Uri.EscapeDataString(CaseReference.Trim()));
            }

            if (!string.IsNullOrWhiteSpace(Worker))
            {
                parts.Add("worker=" + Uri.EscapeDataString(Worker));
            }

            if (!string.IsNullOrWhiteSpace(Facility))
            {
                parts.Add("facility=" + Uri.EscapeDataString(Facility));
            }

            return string.Join("&", parts);
        }
    }

    /// <summary>A facility's name, or its id.</summary>
    /// <param name="id">The facility id.</param>
    /// <returns>The name.</returns>
    public string FacilityName(string? id) => id is null ? "" : Facilities.FirstOrDefault(f => f.Id == id)?.Name ?? id;

    /// <summary>Who answers for a deadline, in words.</summary>
    /// <param name="deadline">The deadline.</param>
    /// <returns>The names, or "unassigned" with the groups.</returns>
    public string WorkersOf(Deadline deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        if (deadline.Workers.Count > 0)
        {
            return string.Join(", ", deadline.Workers.Select(Names.Of));
        }

        return deadline.CandidateGroups.Count > 0 ? text["Unassigned_Groups", string.Join(", ", deadline.CandidateGroups)] : text["Unassigned"];
    }

    /// <summary>Shows a page of deadlines.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct).ConfigureAwait(false);
        try
        {
            Deadlines = await deadlines.ListAsync(Query(After, PageSize), ct).ConfigureAwait(false);
        }
        catch (ArgumentException) when (After is not null)
        {
            // A cursor from an old link: the first page.
            Deadlines = await deadlines.ListAsync(Query(null, PageSize), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Every deadline of the filters as CSV, in the page's language.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The file (written as it is read).</returns>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct).ConfigureAwait(false);
        var fileName = string.Create(CultureInfo.InvariantCulture, $"{text["Csv_DeadlinesFile"].Value}-{format.Today:yyyy-MM-dd}.csv");
        var query = Query(null, PageSize);
        return new CsvResult(fileName, async (writer, aborted) =>
        {
            await writer.WriteAsync(CsvText.Line(text["Col_Due"], text["Col_Late"], text["Col_Deadline"], text["Col_Case"], text["Col_Journey"], text["Col_Worker"], text["Col_Facility"], text["Col_Instance"]))
                .ConfigureAwait(false);
            await foreach (var d in deadlines.AllAsync(query, aborted).ConfigureAwait(false))
            {
                await writer.WriteAsync(CsvText.Line(
                    format.Local(d.DueAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), d.IsLate ? text["Yes"] : text["No"], d.Name, d.CaseReference,
                    d.ProcessId, WorkersOf(d), FacilityName(d.FacilityId), d.InstanceId)).ConfigureAwait(false);
            }
        });
    }

    private DeadlineQuery Query(string? after, int limit) => new()
    {
        Days = Window,
        CaseReference = CaseReference,
        Worker = Worker,
        FacilityId = Facility,
        After = after,
        Limit = limit,
    };

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        if (Days is < 0 or > DeadlineQuery.MaxDays)
        {
            DaysError = text["Deadlines_DaysRange", DeadlineQuery.MaxDays];
        }

        Names = await StaffNames.LoadAsync(staff, ct).ConfigureAwait(false);
        Facilities = await facilities.ListFacilitiesAsync(ct).ConfigureAwait(false);
    }
}
