namespace Orchestrator.Cases;

/// <summary>Capacity and age range of a kind of facility.</summary>
public sealed class FacilityDefaults
{
    /// <summary>The most children it may take (also the ceiling for a facility of this kind).</summary>
    public int Capacity { get; set; }

    /// <summary>Youngest age admitted.</summary>
    public int MinAge { get; set; }

    /// <summary>Oldest age admitted.</summary>
    public int MaxAge { get; set; }
}
