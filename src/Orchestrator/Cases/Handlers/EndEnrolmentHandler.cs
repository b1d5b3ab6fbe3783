using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Cases.Programmes;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Handlers;

/// <summary><c>programme.end</c>: the enrolment (<c>enrolmentId</c>) ends, with a <c>reason</c>; its place is free again.</summary>
public sealed class EndEnrolmentHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<EndEnrolmentHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "programme.end";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var enrolment = await ExistingEnrolmentAsync(db, inputs.Required("enrolmentId"), ct).ConfigureAwait(false);
        return Complete(new Input(enrolment.Id, CaseInput.Fits(inputs.Optional("reason"), CaseModel.NameLength, "reason")));
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var enrolment = await change.Db.Set<ProgrammeEnrolment>().SingleOrDefaultAsync(e => e.Id == input.EnrolmentId, ct).ConfigureAwait(false)
            ?? throw new WorkflowConflictException($"Enrolment {input.EnrolmentId} disappeared between the attempt and its completion; the job runs again.");
        if (enrolment.Status != EnrolmentStatuses.Ended)
        {
            enrolment.Status = EnrolmentStatuses.Ended;
            enrolment.EndedAt = change.Now;
            enrolment.EndReason = input.Reason;
        }
    }

    /// <summary>The checked input.</summary>
    /// <param name="EnrolmentId">The enrolment.</param>
    /// <param name="Reason">Why it ended.</param>
    public sealed record Input(Guid EnrolmentId, string? Reason);
}
