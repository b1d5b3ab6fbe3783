using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.Engine.Runtime;
using Orchestrator.Security;

namespace Orchestrator.Cases;

/// <summary>Registers the case domain: settings, the service-task handlers, <see cref="CaseService"/>, its policies and the Development seeding.</summary>
public static class CaseServiceCollectionExtensions
{
    /// <summary>Read case files, facilities, the register and consulates: care staff and admins.</summary>
    public const string ReadPolicy = "cases-read";

    /// <summary>Create and change case files, facilities and the register: coordinators, data managers and admins.</summary>
    public const string WritePolicy = "cases-write";

    /// <summary>The roles each case policy admits.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> RolesOf { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [ReadPolicy] = [.. Roles.CareStaff, Roles.Admin],
        [WritePolicy] = [Roles.Coordinator, Roles.DataManager, Roles.Admin],
    };

    /// <summary>
    /// Registers the case domain. Options: section <c>Cases</c>. The handlers are added to the
    /// <see cref="JobHandlerRegistry"/> when it is first resolved (whoever registered it: the workflow core or a test).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration, if any.</param>
    public static IServiceCollection AddOrchestratorCases(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<CasesOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(CasesOptions.Section));
        }

        options.Validate(o => o.CertificateValidityMonths > 0, "Cases:CertificateValidityMonths must be positive.")
            .Validate(o => new[] { o.FirstReception, o.LongTerm, o.GroupHome }.All(d => d.Capacity > 0 && d.MinAge <= d.MaxAge), "Cases: every facility kind needs a positive Capacity and MinAge <= MaxAge.");

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<CaseService>();
        services.TryAddScoped<CaseSeeder>();
        services.TryAddSingleton<SetPhaseHandler>();
        services.TryAddSingleton<AssignPlacementHandler>();
        services.TryAddSingleton<RecordEvaluationHandler>();
        services.TryAddSingleton<RecordCaseEventJob>();
        services.TryAddSingleton<CertifyFamilyHandler>();
        services.TryAddSingleton<RegisterFamilyHandler>();
        services.TryAddSingleton<SetFamilyStatusHandler>();
        services.TryAddSingleton<RecordFamilyPlacementHandler>();
        DecorateRegistry(services);

        services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, p => p.RequireAuthenticatedUser().RequireRole(RolesOf[ReadPolicy]))
            .AddPolicy(WritePolicy, p => p.RequireAuthenticatedUser().RequireRole(RolesOf[WritePolicy]));
        return services;
    }

    /// <summary>Adds every case handler to <paramref name="registry"/>.</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="services">The services the handlers come from.</param>
    public static JobHandlerRegistry AddCaseHandlers(this JobHandlerRegistry registry, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        Register(registry, services.GetRequiredService<SetPhaseHandler>());
        Register(registry, services.GetRequiredService<AssignPlacementHandler>());
        Register(registry, services.GetRequiredService<RecordEvaluationHandler>());
        Register(registry, services.GetRequiredService<RecordCaseEventJob>());
        Register(registry, services.GetRequiredService<CertifyFamilyHandler>());
        Register(registry, services.GetRequiredService<RegisterFamilyHandler>());
        Register(registry, services.GetRequiredService<SetFamilyStatusHandler>());
        Register(registry, services.GetRequiredService<RecordFamilyPlacementHandler>());
        return registry;
    }

    /// <summary>The job types the case domain handles.</summary>
    public static IReadOnlyList<string> JobTypes { get; } =
    [
        SetPhaseHandler.JobType, AssignPlacementHandler.JobType, RecordEvaluationHandler.JobType, RecordCaseEventJob.JobType,
        CertifyFamilyHandler.JobType, RegisterFamilyHandler.JobType, SetFamilyStatusHandler.JobType, RecordFamilyPlacementHandler.JobType,
    ];

    private static void Register<T>(JobHandlerRegistry registry, CaseJobHandler<T> handler)
        where T : class => registry.Register(handler.Type, handler);

    /// <summary>
    /// Wraps the registry's registration so that the case handlers are in it when it is built: composes with others
    /// who wrap it the same way, and keeps the registry a plain singleton for the engine.
    /// </summary>
    private static void DecorateRegistry(IServiceCollection services)
    {
        var existing = services.LastOrDefault(d => d.ServiceType == typeof(JobHandlerRegistry));
        Func<IServiceProvider, JobHandlerRegistry> inner = existing switch
        {
            null => _ => new JobHandlerRegistry(),
            { ImplementationInstance: JobHandlerRegistry instance } => _ => instance,
            { ImplementationFactory: { } factory } => sp => (JobHandlerRegistry)factory(sp),
            _ => throw new InvalidOperationException("The JobHandlerRegistry is registered by type; register it as an instance or a factory."),
        };
        if (existing is not null)
        {
            services.Remove(existing);
        }

        services.AddSingleton(sp => inner(sp).AddCaseHandlers(sp));
    }
}
