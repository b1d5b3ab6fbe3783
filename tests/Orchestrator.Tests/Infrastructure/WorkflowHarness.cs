using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Engine.Runtime;
using Orchestrator.Forms;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Infrastructure;

/// <summary>
/// The workflow core on a test database, with a virtual clock and test job handlers: what the host registers, minus
/// HTTP. Each <see cref="Service"/> call gives a new scope (a new DbContext), like separate requests.
/// </summary>
public sealed class WorkflowHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<AsyncServiceScope> _scopes = [];

    /// <summary>Creates the harness.</summary>
    /// <param name="database">The database.</param>
    /// <param name="forms">A form validator, if any.</param>
    /// <param name="workerId">This node's worker id.</param>
    public WorkflowHarness(TestDatabase database, ITaskFormValidator? forms = null, string workerId = "test-node")
    {
        ArgumentNullException.ThrowIfNull(database);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(new WorkflowOptions { WorkerId = workerId });
        services.AddSingleton(Handlers);
        services.AddSingleton<IWorkflowScheduler>(Scheduler);
        if (forms is not null)
        {
            services.AddSingleton(forms);
        }

        services.AddDbContext<OrchestratorDbContext>(database.Configure);
        services.AddOrchestratorWorkflows();
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>The virtual clock.</summary>
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The job handlers.</summary>
    public JobHandlerRegistry Handlers { get; } = new();

    /// <summary>Records what the scheduler was told.</summary>
    public RecordingScheduler Scheduler { get; } = new();

    /// <summary>The runtime (singleton).</summary>
    public WorkflowRuntime Runtime => _provider.GetRequiredService<WorkflowRuntime>();

    /// <summary>A workflow service in a new scope.</summary>
    public WorkflowService Service() => Scope().GetRequiredService<WorkflowService>();

    /// <summary>A workflow service and the DbContext it uses (one scope, as in one request).</summary>
    public (WorkflowService Service, OrchestratorDbContext Db) ServiceWithDb()
    {
        var scope = Scope();
        return (scope.GetRequiredService<WorkflowService>(), scope.GetRequiredService<OrchestratorDbContext>());
    }

    /// <summary>The deployer in a new scope.</summary>
    public WorkflowDeployer Deployer() => Scope().GetRequiredService<WorkflowDeployer>();

    /// <summary>A DbContext in a new scope.</summary>
    public OrchestratorDbContext Db() => Scope().GetRequiredService<OrchestratorDbContext>();

    /// <summary>The start-up work (migrate, load definitions).</summary>
    public Task InitializeAsync() => Scope().GetRequiredService<WorkflowDeployer>().InitializeDatabaseAsync(CancellationToken.None);

    /// <summary>Deploys a fixture file from <c>Workflows/Fixtures</c>.</summary>
    /// <param name="file">The file name.</param>
    public Task<IReadOnlyList<DeploymentOutcome>> DeployFixtureAsync(string file) =>
        Service().DeployAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows", "Fixtures", file)), file, Actors.Designer, CancellationToken.None);

    private IServiceProvider Scope()
    {
        var scope = _provider.CreateAsyncScope();
        lock (_scopes)
        {
            _scopes.Add(scope);
        }

        return scope.ServiceProvider;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var s in _scopes)
        {
            await s.DisposeAsync();
        }

        await _provider.DisposeAsync();
    }
}

/// <summary>Actors used by the tests.</summary>
public static class Actors
{
    private static HashSet<string> Roles(params string[] roles) => new(roles, StringComparer.Ordinal);

    /// <summary>A lawyer.</summary>
    public static Actor Lawyer { get; } = new("u-lawyer", "Lucía Lawyer", Roles("lawyer"));

    /// <summary>Another lawyer.</summary>
    public static Actor OtherLawyer { get; } = new("u-lawyer2", "Luis Lawyer", Roles("lawyer"));

    /// <summary>A social worker.</summary>
    public static Actor SocialWorker { get; } = new("u-social", "Sara Social", Roles("social-worker"));

    /// <summary>A psychologist.</summary>
    public static Actor Psychologist { get; } = new("u-psy", "Pablo Psychologist", Roles("psychologist"));

    /// <summary>A coordinator (sees all tasks).</summary>
    public static Actor Coordinator { get; } = new("u-coord", "Carla Coordinator", Roles("coordinator"));

    /// <summary>A designer.</summary>
    public static Actor Designer { get; } = new("u-designer", "Diego Designer", Roles("designer"));
}

/// <summary>A scheduler hook that records the changes it is told about.</summary>
public sealed class RecordingScheduler : IWorkflowScheduler
{
    /// <summary>Every change set, in order.</summary>
    public List<WorkflowScheduleChanges> Changes { get; } = [];

    /// <inheritdoc/>
    public TimeSpan? ScheduledAhead => null;

    /// <inheritdoc/>
    public Task OnCommittedAsync(WorkflowScheduleChanges changes, CancellationToken cancellationToken)
    {
        lock (Changes)
        {
            Changes.Add(changes);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<PendingTimer>> WithoutFiringAsync(IReadOnlyList<PendingTimer> timers, CancellationToken cancellationToken) => Task.FromResult(timers);

    /// <inheritdoc/>
    public bool HoldsFiring(PendingTimer timer) => false;

    /// <inheritdoc/>
    public Task ScheduleTimersAsync(IReadOnlyList<PendingTimer> timers, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task UnscheduleTimersAsync(IReadOnlyList<string> timerIds, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// A form validator for tests: the form <c>review</c> requires a boolean <c>approved</c>. It remembers the task
/// variables it was last given, so tests can check the service passes what the task's form was opened with.
/// </summary>
public sealed class TestForms : ITaskFormValidator
{
    /// <summary>The task variables of the last call.</summary>
    public JsonObject? LastTaskVariables { get; private set; }

    /// <inheritdoc/>
    public IReadOnlyList<FormFieldError> Validate(string formKey, JsonObject data, JsonObject taskVariables)
    {
        ArgumentNullException.ThrowIfNull(data);
        LastTaskVariables = taskVariables;
        if (formKey != "review")
        {
            return [];
        }

        return data["approved"]?.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False
            ? []
            : [new FormFieldError("approved", "is required and must be true or false")];
    }
}
