using System.Collections.Concurrent;
using Orchestrator.Persistence;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>
/// One running executable per provider, started on first use and shared by the tests of a class (xunit class
/// fixture), with <c>E2eSimple</c>, <c>E2eVisits</c> and the form <c>family-visits</c> deployed at start-up.
/// It is an <see cref="IAsyncLifetime"/> because xunit 2 stops fixtures through that (or IDisposable), never through
/// IAsyncDisposable: as IAsyncDisposable alone, its services outlived the test run.
/// </summary>
public sealed class E2eServicePool : IAsyncLifetime
{
    private readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<E2eService>>> _services = new();

    /// <summary>The service on <paramref name="provider"/>, started when first asked for.</summary>
    public Task<E2eService> GetAsync(DatabaseProvider provider, PostgresServer postgres) =>
        _services.GetOrAdd(provider, p => new Lazy<Task<E2eService>>(() => StartAsync(p, postgres))).Value;

    /// <inheritdoc/>
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        foreach (var started in _services.Values.Where(l => l.IsValueCreated))
        {
            try
            {
                await (await started.Value).DisposeAsync();
            }
            catch (InvalidOperationException)
            {
                // It never started; StartAsync already stopped it.
            }
        }
    }

    private static async Task<E2eService> StartAsync(DatabaseProvider provider, PostgresServer postgres)
    {
        var service = await E2eService.CreateAsync(provider, postgres, new Dictionary<string, string>
        {
            ["simple.bpmn"] = E2eWorkflows.Simple,
            ["visits.bpmn"] = E2eWorkflows.Visits,
            [Path.Combine("forms", "family-visits.form")] = E2eWorkflows.FamilyVisitsForm,
        });
        try
        {
            await service.StartAsync();
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }
}
