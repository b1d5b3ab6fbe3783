using Orchestrator.Engine.Runtime;

namespace Orchestrator.Workflows;

/// <summary>Settings of the durable runtime (section <c>Workflows</c>).</summary>
public sealed class WorkflowOptions
{
    /// <summary>How many times a command is tried when another writer changed the instance in between.</summary>
    public int MaxConcurrencyRetries { get; set; } = 5;

    /// <summary>How long a worker holds a job it runs; after that another node may take it.</summary>
    public TimeSpan JobLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the definitions table is checked for versions another node deployed.</summary>
    public TimeSpan DefinitionRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Run due jobs right after the command that made them (in the request); otherwise only the poller runs them.</summary>
    /// <summary>The IANA zone in which BPMN date-times without an offset are read (<c>Workflows:TimeZone</c>; the engine's default is America/Mexico_City).</summary>
    public string TimeZone { get; set; } = new EngineOptions().TimeZone;

    /// <summary>Whether jobs due now run right after the command that made them commits (<c>Workflows:RunJobsAfterCommit</c>, default on).</summary>
    public bool RunJobsAfterCommit { get; set; } = true;

    /// <summary>This node's worker id (job leases).</summary>
    public string WorkerId { get; set; } = Environment.MachineName + ":" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
