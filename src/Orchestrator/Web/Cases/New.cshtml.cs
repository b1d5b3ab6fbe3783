using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Orchestrator.Cases;
using Orchestrator.Cases.CaseFiles;
using Orchestrator.Security;
using Orchestrator.Web.Common;
using Orchestrator.Workflows;

namespace Orchestrator.Web.Cases;

/// <summary>
/// Registering a detected child (<c>/cases/new</c>), as the intake worker does within the 24-hour detection window:
/// the form opens the case file and starts <c>child-journey</c> through <see cref="CaseRegistrationService"/> (the
/// calls behind <c>POST /api/cases/registrations</c>), with the profile flags of the care model. Errors are shown at
/// their fields in the page's language and the input is kept; nothing is created until every field is right.
/// </summary>
public sealed class NewModel(CaseRegistrationService registrations, ConsulateDirectory consulates, Tasks.TaskNaming naming, DisplayFormat format, IStringLocalizer<CasesText> text, IStringLocalizer<SharedText> shared) : PageModel
{
    /// <summary>The hours the journey gives the referral (child-journey's <c>referralLimitHours</c>, 24 by default).</summary>
    public const int ReferralLimitHours = 24;

    /// <summary>The profile flags of the care model, by property name, in the order the form shows them.</summary>
    public static IReadOnlyList<string> FlagNames { get; } =
        [nameof(ProfileFlags.VictimOfCrime), nameof(ProfileFlags.TraffickingVictim), nameof(ProfileFlags.ExtremeViolenceVictim), nameof(ProfileFlags.Indigenous),
         nameof(ProfileFlags.Disability), nameof(ProfileFlags.PregnantOrWithChild), nameof(ProfileFlags.Lgbttti)];

    /// <summary>What the person typed.</summary>
    [BindProperty]
    public RegistrationForm Child { get; set; } = new();

    /// <summary>Problems, by field id (<c>givenNames</c>, <c>birthDate</c>, …).</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>A problem that is no field's (the journey is not deployed).</summary>
    public string? Problem { get; private set; }

    /// <summary>The consulates the form offers.</summary>
    public IReadOnlyList<Consulate> Consulates { get; private set; } = [];

    /// <summary>Now, as the detection time.</summary>
    public DateTimeOffset DetectedAt { get; private set; }

    /// <summary>Shows the form.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct).ConfigureAwait(false);

    /// <summary>Registers the child and goes to the new case file, or shows what to fix.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The case file, or the page again.</returns>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        DateOnly? birth = null;
        if (!string.IsNullOrWhiteSpace(Child.BirthDate))
        {
            if (DateOnly.TryParseExact(Child.BirthDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                birth = parsed;
            }
            else
            {
                Errors["birthDate"] = text["Error_Date"];
            }
        }

        if (Errors.Count == 0)
        {
            var flags = new ProfileFlags
            {
                VictimOfCrime = Child.Flags.Contains(nameof(ProfileFlags.VictimOfCrime)),
                Lgbttti = Child.Flags.Contains(nameof(ProfileFlags.Lgbttti)),
                TraffickingVictim = Child.Flags.Contains(nameof(ProfileFlags.TraffickingVictim)),
                ExtremeViolenceVictim = Child.Flags.Contains(nameof(ProfileFlags.ExtremeViolenceVictim)),
                Indigenous = Child.Flags.Contains(nameof(ProfileFlags.Indigenous)),
                Disability = Child.Flags.Contains(nameof(ProfileFlags.Disability)),
                PregnantOrWithChild = Child.Flags.Contains(nameof(ProfileFlags.PregnantOrWithChild)),
            };
            var request = new ChildRegistrationRequest
            {
                Child = new NewCaseRequest
                {
                    GivenNames = Child.GivenNames,
                    FamilyNames = Blank(Child.FamilyNames),
                    BirthDate = birth,
                    Sex = Blank(Child.Sex),
                    Nationality = Child.Nationality,
                    Languages = Blank(Child.Languages),
                    Culture = Blank(Child.Culture),
                    Flags = flags,
                    ReferenceEducator = Blank(Child.ReferenceEducator),
                    AsylumStatus = Blank(Child.AsylumStatus),
                    SiblingGroup = Blank(Child.SiblingGroup),
                    ChildOpinion = Blank(Child.ChildOpinion),
                },
                ConsulateId = Blank(Child.ConsulateId),
            };
            try
            {
                var registered = await registrations.RegisterAsync(request, User.ToActor(), ct).ConfigureAwait(false);
                if (registered.JourneyProblem is { } problem)
                {
                    TempData["Problem"] = text["New_JourneyNotStarted", registered.Reference, problem].Value;
                }
                else if (registered.FirstTask is { } task)
                {
                    var inWords = task.Due is { } due ? format.DueInWords(due) : shared["Due_Today"].Value;
                    TempData["Status"] = text["New_Registered", registered.Reference, naming.Task(task.ProcessId, task.ElementId, task.Name), new CaseWords(text).Groups(task.CandidateGroups), inWords].Value;
                }
                else
                {
                    TempData["Status"] = text["New_RegisteredNoTask", registered.Reference].Value;
                }

                return LocalRedirect("/cases/" + Uri.EscapeDataString(registered.Reference));
            }
            catch (CaseInputException e)
            {
                // The child's opinion is stored as an opinion row: its length error names that row's field.
                Errors[e.Field == "opinion" ? "childOpinion" : e.Field] = CaseInputMessages.Translate(e, text);
            }
            catch (WorkflowNotFoundException)
            {
                Problem = text["New_NoJourney"];
            }
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(ct).ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        DetectedAt = format.Now;
        Consulates = await consulates.ListAsync(ct).ConfigureAwait(false);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
