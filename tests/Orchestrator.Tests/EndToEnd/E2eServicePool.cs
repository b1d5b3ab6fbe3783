using Orchestrator.Persistence;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>
/// One running executable per provider, started on first use and shared by the tests of a class (xunit class
/// fixture), with <c>E2eSimple</c>, <c>E2eVisits</c> and the form <c>family-visits</c> deployed at start-up.
/// </summary>
public sealed class E2eServicePool : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<DatabaseProvider, E2eService> _services = [];

    /// <summary>The service on <paramref name="provider"/>, started when first asked for.</summary>
    public async Task<E2eService> GetAsync(DatabaseProvider provider, PostgresServer postgres)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_services.TryGetValue(provider, out var service))
            {
                service = await E2eService.CreateAsync(provider, postgres, new Dictionary<string, string>
                {
                    ["simple.bpmn"] = E2eWorkflows.Simple,
                    ["visits.bpmn"] = E2eWorkflows.Visits,
                    [Path.Combine("forms", "family-visits.form")] = E2eWorkflows.FamilyVisitsForm,
                });
                _services[provider] = service;
                await service.StartAsync();
            }

            return service;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services.Values)
        {
            await service.DisposeAsync();
        }

        _gate.Dispose();
    }
}
