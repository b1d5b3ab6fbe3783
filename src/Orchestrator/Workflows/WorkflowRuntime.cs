using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Parsing;
using Orchestrator.Engine.Runtime;
using Orchestrator.Feel;
using Orchestrator.Persistence;

namespace Orchestrator.Workflows;

/// <summary>
/// The process-wide part of the durable runtime (a singleton): the deployed definitions restored from the database,
/// the engine, the job handlers and the clock. Per-request work happens in <see cref="WorkflowService"/>.
/// </summary>
public sealed class WorkflowRuntime
{
    private readonly Lock _lock = new();
    private readonly HashSet<(string, int)> _loaded = [];
    private readonly Dictionary<string, int> _latest = new(StringComparer.Ordinal);
    private long _lastRefreshTicks = long.MinValue;
    private int _knownCount = -1;

    /// <summary>Creates the runtime.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="handlers">The job handlers.</param>
    /// <param name="options">Settings.</param>
    /// <param name="engineOptions">Engine settings.</param>
    public WorkflowRuntime(TimeProvider time, JobHandlerRegistry handlers, WorkflowOptions? options = null, EngineOptions? engineOptions = null)
    {
        Time = time ?? throw new ArgumentNullException(nameof(time));
        Handlers = handlers ?? throw new ArgumentNullException(nameof(handlers));
        Options = options ?? new WorkflowOptions();
        Definitions = new DefinitionRepository(time);
        Engine = new WorkflowEngine(Definitions, time, engineOptions);
        Feel = new FeelEngine(engineOptions?.FeelLimits, time);
    }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>The job handlers (register yours at start-up).</summary>
    public JobHandlerRegistry Handlers { get; }

    /// <summary>Settings.</summary>
    public WorkflowOptions Options { get; }

    /// <summary>The deployed definitions (a cache of <c>process_definitions</c>).</summary>
    public DefinitionRepository Definitions { get; }

    /// <summary>The engine.</summary>
    public WorkflowEngine Engine { get; }

    /// <summary>The FEEL engine used to validate deployments.</summary>
    public FeelEngine Feel { get; }

    /// <summary>Adds a stored version to the repository unless it is there already.</summary>
    /// <param name="row">The stored version.</param>
    public DeployedProcess? Add(DefinitionRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        lock (_lock)
        {
            if (Definitions.Find(row.ProcessId, row.Version) is { } existing)
            {
                return existing;
            }

            var parsed = BpmnParser.Parse(row.Xml, row.SourceName);
            var process = parsed.Definitions?.Processes.FirstOrDefault(p => p.Id == row.ProcessId);
            if (process is null)
            {
                return null;
            }

            _loaded.Add((row.ProcessId, row.Version));
            if (!_latest.TryGetValue(row.ProcessId, out var latest) || latest < row.Version)
            {
                _latest[row.ProcessId] = row.Version;
            }

            return Definitions.Restore(process, row.Version, row.Xml, row.DeployedAt);
        }
    }

    /// <summary>Loads every version not yet in memory (at start-up, and when another node deployed).</summary>
    /// <param name="db">The database.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task RefreshAsync(OrchestratorDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var keys = await db.Definitions.AsNoTracking().Select(d => new { d.ProcessId, d.Version }).ToListAsync(cancellationToken).ConfigureAwait(false);
        List<(string, int)> missing;
        lock (_lock)
        {
            missing = [.. keys.Select(k => (k.ProcessId, k.Version)).Where(k => !_loaded.Contains(k))];
            _knownCount = keys.Count;
            _lastRefreshTicks = Time.GetTimestamp();
        }

        foreach (var (processId, version) in missing)
        {
            var row = await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.ProcessId == processId && d.Version == version, cancellationToken).ConfigureAwait(false);
            if (row is not null)
            {
                Add(row);
            }
        }
    }

    /// <summary>Refreshes when the last check is older than <see cref="WorkflowOptions.DefinitionRefreshInterval"/> and the table grew.</summary>
    /// <param name="db">The database.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task RefreshIfStaleAsync(OrchestratorDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        lock (_lock)
        {
            if (_knownCount >= 0 && Time.GetElapsedTime(_lastRefreshTicks) < Options.DefinitionRefreshInterval)
            {
                return;
            }
        }

        var count = await db.Definitions.CountAsync(cancellationToken).ConfigureAwait(false);
        bool stale;
        lock (_lock)
        {
            stale = count != _knownCount;
            _lastRefreshTicks = Time.GetTimestamp();
        }

        if (stale)
        {
            await RefreshAsync(db, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The latest version of a process: from memory when this node knows the process (deploys here update it at once;
    /// another node's deploy is seen within <see cref="WorkflowOptions.DefinitionRefreshInterval"/> through
    /// <see cref="RefreshIfStaleAsync"/>, which every command calls), else from the table; <c>null</c> when none is deployed.
    /// </summary>
    /// <param name="db">The database.</param>
    /// <param name="processId">The process id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async ValueTask<int?> LatestVersionAsync(OrchestratorDbContext db, string processId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        lock (_lock)
        {
            if (_latest.TryGetValue(processId, out var known))
            {
                return known;
            }
        }

        return await db.Definitions.Where(d => d.ProcessId == processId).MaxAsync(d => (int?)d.Version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes sure one version is in memory (reload on miss).</summary>
    /// <param name="db">The database.</param>
    /// <param name="processId">The process id.</param>
    /// <param name="version">The version.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task EnsureAsync(OrchestratorDbContext db, string processId, int version, CancellationToken cancellationToken)
    {
        if (Definitions.Find(processId, version) is not null)
        {
            return;
        }

        await RefreshAsync(db, cancellationToken).ConfigureAwait(false);
    }
}
