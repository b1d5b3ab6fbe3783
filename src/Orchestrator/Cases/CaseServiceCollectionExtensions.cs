using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orchestrator.Cases.Handlers;
using Orchestrator.Cases.OpenDoor;
using Orchestrator.Cases.Programmes;
using Orchestrator.Cases.Sensitive;
using Orchestrator.Engine.Runtime;
using Orchestrator.Security;

namespace Orchestrator.Cases;

/// <summary>
/// Registers the case domain (<see cref="AddCases"/>): its settings, services, service-task handlers and the
/// Development seeding. The routes are <see cref="CaseEndpoints.MapCasesEndpoints"/>; their policies (<see cref="Policies.CasesRead"/>,
/// <see cref="Policies.CasesWrite"/>, <see cref="Policies.OpenDoorWrite"/>) are defined with the others in <see cref="Policies"/>.
/// </summary>
public static class CaseServiceCollectionExtensions
{
    /// <summary>The handlers of the case domain, by job type (<c>orc:type</c>).</summary>
    private static readonly (string JobType, Type Handler)[] Handlers =
    [
        (SetPhaseHandler.JobType, typeof(SetPhaseHandler)),
        (AssignPlacementHandler.JobType, typeof(AssignPlacementHandler)),
        (RecordEvaluationHandler.JobType, typeof(RecordEvaluationHandler)),
        (RecordCaseEventJobHandler.JobType, typeof(RecordCaseEventJobHandler)),
        (CertifyFamilyHandler.JobType, typeof(CertifyFamilyHandler)),
        (RegisterFamilyHandler.JobType, typeof(RegisterFamilyHandler)),
        (SetFamilyStatusHandler.JobType, typeof(SetFamilyStatusHandler)),
        (RecordFamilyPlacementHandler.JobType, typeof(RecordFamilyPlacementHandler)),
        (StartEpisodeHandler.JobType, typeof(StartEpisodeHandler)),
        (EndEpisodeHandler.JobType, typeof(EndEpisodeHandler)),
        (AdmitToResidenceHandler.JobType, typeof(AdmitToResidenceHandler)),
        (CloseRecordHandler.JobType, typeof(CloseRecordHandler)),
        (EnrolInProgrammeHandler.JobType, typeof(EnrolInProgrammeHandler)),
        (CheckConsentHandler.JobType, typeof(CheckConsentHandler)),
        (EndEnrolmentHandler.JobType, typeof(EndEnrolmentHandler)),
        (LinkBabyHandler.JobType, typeof(LinkBabyHandler)),
        (RecordSensitiveDataHandler.JobType, typeof(RecordSensitiveDataHandler)),
    ];

    /// <summary>The job types the case domain handles.</summary>
    public static IReadOnlyList<string> JobTypes { get; } = [.. Handlers.Select(h => h.JobType)];

    /// <summary>
    /// Registers the case domain. Settings: section <c>Cases</c> (bound from the configuration in the container,
    /// checked at start-up). The handlers are added to the <see cref="JobHandlerRegistry"/> when it is first resolved
    /// (whoever registered it: the workflow core or a test).
    /// </summary>
    /// <param name="services">The services.</param>
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CasesOptions>().BindConfiguration(CasesOptions.Section)
            .Validate(o => o.CertificateValidityMonths > 0, "Cases:CertificateValidityMonths must be positive.")
            .Validate(o => new[] { o.FirstReception, o.LongTerm, o.GroupHome }.All(d => d.Capacity > 0 && d.MinAge <= d.MaxAge), "Cases: every facility kind needs a positive Capacity and MinAge <= MaxAge.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CasesOptions>>(new CasesOptionsCheck());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<CaseAccess>();
        services.TryAddScoped<CaseService>();
        services.TryAddScoped<FacilityService>();
        services.TryAddScoped<FosterFamilyService>();
        services.TryAddScoped<ConsulateDirectory>();
        services.TryAddScoped<CaseSeeder>();
        services.TryAddScoped<OpenDoorService>();
        services.TryAddScoped<OpenDoorSeeder>();
        services.TryAddScoped<ProgrammeService>();
        services.TryAddSingleton<SensitiveFieldCatalog>();
        services.TryAddScoped<SensitiveDataGuard>();
        services.TryAddScoped<GuardedWorkflowReads>();
        foreach (var (_, handler) in Handlers)
        {
            services.TryAddSingleton(handler);
        }

        DecorateRegistry(services);
        return services;
    }

    /// <summary>Adds every case handler to <paramref name="registry"/>.</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="services">The services the handlers come from.</param>
    public static JobHandlerRegistry AddCaseHandlers(this JobHandlerRegistry registry, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        foreach (var (jobType, handler) in Handlers)
        {
            registry.Register(jobType, (IJobHandler)services.GetRequiredService(handler));
        }

        return registry;
    }

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
