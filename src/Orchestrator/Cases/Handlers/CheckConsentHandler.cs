using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Cases.Programmes;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Handlers;

/// <summary>
/// <c>programme.checkConsent</c>: whether every consent the enrolment (<c>enrolmentId</c>) needs is given
/// (<see cref="CaseRules.RequiredConsents"/>). Outputs <c>consentComplete</c> and <c>missingConsent</c> (what is
/// missing, in words); when complete, the enrolment becomes <c>active</c>. The journey shows a missing consent as a
/// pending task and checks again once it is recorded.
/// </summary>
public sealed class CheckConsentHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<CheckConsentHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "programme.checkConsent";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var enrolment = await ExistingEnrolmentAsync(db, inputs.Required("enrolmentId"), ct).ConfigureAwait(false);
        var child = await ExistingCaseAsync(db, enrolment.CaseId, ct).ConfigureAwait(false);
        var missing = await CaseRules.MissingConsentsAsync(db, child, enrolment.Programme, Today, ct).ConfigureAwait(false);
        return Complete(new Input(enrolment.Id, missing.Count == 0), new JsonObject
        {
            ["consentComplete"] = missing.Count == 0,
            ["missingConsent"] = string.Join("; ", missing.Select(m => $"{m.GivenBy}: {m.Subject}")),
        });
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        if (!input.Complete)
        {
            return;
        }

        var enrolment = await change.Db.Set<ProgrammeEnrolment>().SingleOrDefaultAsync(e => e.Id == input.EnrolmentId, ct).ConfigureAwait(false)
            ?? throw new WorkflowConflictException($"Enrolment {input.EnrolmentId} disappeared between the attempt and its completion; the job runs again.");
        if (enrolment.Status == EnrolmentStatuses.PendingConsent)
        {
            enrolment.Status = EnrolmentStatuses.Active;
            enrolment.ActivatedAt = change.Now;
        }
    }

    /// <summary>The checked input.</summary>
    /// <param name="EnrolmentId">The enrolment.</param>
    /// <param name="Complete">Whether every consent is given.</param>
    public sealed record Input(Guid EnrolmentId, bool Complete);
}
