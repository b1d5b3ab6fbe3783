using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;

namespace Orchestrator.Workflows;

/// <summary>
/// What one engine command did to one instance, handed to every <see cref="IWorkflowEffects"/> inside the command's
/// transaction: rows an effect adds to <see cref="Db"/> commit (or roll back) with the engine's own rows.
/// </summary>
public sealed class AppliedChange
{
    private readonly List<Action> _afterCommit;

    internal AppliedChange(OrchestratorDbContext db, EngineResult result, Actor actor, DateTimeOffset now, List<Action> afterCommit)
    {
        Db = db;
        Result = result;
        Actor = actor;
        Now = now;
        _afterCommit = afterCommit;
    }

    /// <summary>The command's DbContext, inside its transaction; add rows, do not commit.</summary>
    public OrchestratorDbContext Db { get; }

    /// <summary>The engine's result (its <see cref="EngineResult.State"/> is the instance after the command).</summary>
    public EngineResult Result { get; }

    /// <summary>The instance id.</summary>
    public string InstanceId => Result.State.Id;

    /// <summary>The process id.</summary>
    public string ProcessId => Result.State.ProcessId;

    /// <summary>The business key (the case reference in the care journeys).</summary>
    public string? BusinessKey => Result.State.BusinessKey;

    /// <summary>Who acted.</summary>
    public Actor Actor { get; }

    /// <summary>The command's clock reading.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Runs <paramref name="action"/> after the transaction committed (never when it rolled back), e.g. to wake a dispatcher.</summary>
    /// <param name="action">What to run; exceptions are logged, not thrown.</param>
    public void AfterCommit(Action action) => _afterCommit.Add(action ?? throw new ArgumentNullException(nameof(action)));
}
