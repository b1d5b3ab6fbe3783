namespace Orchestrator.Persistence;

/// <summary>A process instance with the engine's state document (table <c>process_instances</c>).</summary>
public sealed class InstanceRecord
{
    /// <summary>The instance id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The process id.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>The deployed version it runs.</summary>
    public int Version { get; set; }

    /// <summary>The business key.</summary>
    public string? BusinessKey { get; set; }

    /// <summary><c>active</c>, <c>completed</c>, <c>cancelled</c> or <c>terminated</c>.</summary>
    public string Status { get; set; } = "";

    /// <summary>The engine's state document (<c>ProcessInstanceState.ToJson()</c>).</summary>
    public string State { get; set; } = "";

    /// <summary>The calling instance, for instances started by a call activity.</summary>
    public string? ParentId { get; set; }

    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>When the row last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The optimistic-concurrency version: incremented by every command, checked on update.</summary>
    public int RowVersion { get; set; }

    /// <summary>
    /// The elements the instance waits at now, as <see cref="ActiveElementList"/> writes them (<c>|Task_A|Timer_B|</c>;
    /// empty once it ended), kept by every command beside <see cref="State"/> so that supervision counts instances per
    /// element without reading the state documents. <c>null</c> on rows no command has touched since the column came.
    /// </summary>
    public string? ActiveElements { get; set; }
}
