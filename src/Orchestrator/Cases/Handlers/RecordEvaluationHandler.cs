using Microsoft.Extensions.Options;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Cases.Handlers;

/// <summary><c>case.recordEvaluation</c>: appends an evaluation (with the child's opinion) to the case file.</summary>
public sealed class RecordEvaluationHandler(IServiceScopeFactory scopes, TimeProvider time, IOptions<CasesOptions> options)
    : CaseJobHandler<RecordEvaluationHandler.Input>(scopes, time, options)
{
    /// <summary>The job type.</summary>
    public const string JobType = "case.recordEvaluation";

    /// <inheritdoc/>
    public override string Type => JobType;

    /// <inheritdoc/>
    protected override async Task<JobOutcome> AttemptAsync(JobInputs inputs, OrchestratorDbContext db, CancellationToken ct)
    {
        var caseId = inputs.Required("caseId");
        var kind = inputs.OneOf("kind", EvaluationKinds.All);
        var progress = inputs.Required("progress");
        await ExistingCaseAsync(db, caseId, ct).ConfigureAwait(false);
        return Complete(new Input(caseId, kind, progress, inputs.Optional("childOpinion")));
    }

    /// <inheritdoc/>
    protected override async Task ApplyAsync(Input input, AppliedChange change, CancellationToken ct)
    {
        var child = await TrackedCaseAsync(change.Db, input.CaseId, ct).ConfigureAwait(false);
        child.Touch(change.Now);
        change.Db.Add(new LifePlanEvaluation
        {
            Id = Guid.NewGuid(),
            CaseId = input.CaseId,
            Kind = input.Kind,
            Progress = input.Progress,
            ChildOpinion = input.ChildOpinion,
            EvaluatedAt = change.Now,
            InstanceId = change.InstanceId,
        });
        AddOpinion(change, input.CaseId, input.Kind + "-evaluation", input.ChildOpinion);
    }

    /// <summary>The checked input.</summary>
    /// <param name="CaseId">The case.</param>
    /// <param name="Kind">life-plan or independence-plan.</param>
    /// <param name="Progress">Progress.</param>
    /// <param name="ChildOpinion">The child's opinion.</param>
    public sealed record Input(string CaseId, string Kind, string Progress, string? ChildOpinion);
}
