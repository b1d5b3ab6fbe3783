using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Cases;
using Orchestrator.Engine.Runtime;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Cases;

/// <summary>
/// The workflow core plus the case domain on a test database, registered as the host does
/// (<see cref="CaseServiceCollectionExtensions.AddCases"/> after the workflow core), with a virtual clock.
/// </summary>
public sealed class CaseHarness
{
    private readonly ServiceProvider _provider;
    private readonly List<AsyncServiceScope> _scopes = [];

    public CaseHarness(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null, ITaskFormValidator? forms = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(new WorkflowOptions { WorkerId = "cases-test" });
        services.AddSingleton<IWorkflowScheduler>(new RecordingScheduler());
        if (forms is not null)
        {
            services.AddSingleton(forms);
        }

        services.AddSingleton(new StartupConsole(Console));
        services.AddSingleton<IHostEnvironment>(new TestEnvironment());
        services.AddSingleton(Options.Create(new SecurityOptions()));
        services.AddDbContext<OrchestratorDbContext>(database.Configure);
        services.AddOrchestratorWorkflows();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCases();
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));

    public StringWriter Console { get; } = new();

    public JobHandlerRegistry Handlers => _provider.GetRequiredService<JobHandlerRegistry>();

    public T Get<T>()
        where T : notnull => Scope().GetRequiredService<T>();

    public WorkflowService Service() => Get<WorkflowService>();

    public CaseService Cases() => Get<CaseService>();

    public OrchestratorDbContext Db() => Get<OrchestratorDbContext>();

    public async Task<string> DeployAsync(string xml, string name)
    {
        await Service().DeployAsync(xml, name, Actors.Designer, CancellationToken.None);
        return name;
    }

    private IServiceProvider Scope()
    {
        var scope = _provider.CreateAsyncScope();
        lock (_scopes)
        {
            _scopes.Add(scope);
        }

        return scope.ServiceProvider;
    }

    /// <summary>Disposes the scopes and the provider (the test class calls it from its DisposeAsync).</summary>
    public async Task StopAsync()
    {
        foreach (var s in _scopes)
        {
            await s.DisposeAsync();
        }

        await _provider.DisposeAsync();
        Console.Dispose();
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;

        public string ApplicationName { get; set; } = "Orchestrator.Tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
