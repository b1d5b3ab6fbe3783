namespace Orchestrator.Persistence;

/// <summary>A pending job (table <c>jobs</c>): one attempt of a service or send task, leased by a worker.</summary>
public sealed class JobRecord
{
    /// <summary>The job id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The instance.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>The task element.</summary>
    public string ElementId { get; set; } = "";

    /// <summary>The handler type.</summary>
    public string Type { get; set; } = "";

    /// <summary><c>service</c> or <c>send</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Attempts left, this one included.</summary>
    public int Retries { get; set; }

    /// <summary>Not before this time.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>The worker holding the lease.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Until when the lease holds.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>The last failure.</summary>
    public string? LastError { get; set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
