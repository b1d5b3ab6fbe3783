namespace Orchestrator.Cases;

/// <summary>A place a child lives (table <c>facilities</c>): a first reception or long-term CAS, or a group home.</summary>
public sealed class Facility
{
    /// <summary>Id (a short readable slug: staff type it in the referral form).</summary>
    public string Id { get; set; } = "";

    /// <summary>Name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The kind (<see cref="FacilityKinds"/>).</summary>
    public string Kind { get; set; } = "";

    /// <summary>How many children it takes.</summary>
    public int Capacity { get; set; }

    /// <summary>Youngest age admitted.</summary>
    public int MinAge { get; set; }

    /// <summary>Oldest age admitted.</summary>
    public int MaxAge { get; set; }

    /// <summary><c>any</c>, <c>female</c> or <c>male</c>.</summary>
    public string Sex { get; set; } = FacilitySexes.Any;

    /// <summary>City.</summary>
    public string? City { get; set; }

    /// <summary>Optimistic concurrency: bumped by every placement, so two placements into its last place cannot both commit.</summary>
    public int RowVersion { get; set; }
}
