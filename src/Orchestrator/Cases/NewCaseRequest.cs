namespace Orchestrator.Cases;

/// <summary>A new case file (POST /api/cases).</summary>
public sealed record NewCaseRequest
{
    /// <summary>Given names (required).</summary>
    public string? GivenNames { get; init; }

    /// <summary>Family names.</summary>
    public string? FamilyNames { get; init; }

    /// <summary>Date of birth, if known.</summary>
    public DateOnly? BirthDate { get; init; }

    /// <summary><c>female</c>, <c>male</c> or <c>other</c> (default).</summary>
    public string? Sex { get; init; }

    /// <summary>Nationality (required).</summary>
    public string? Nationality { get; init; }

    /// <summary>Languages, comma-separated.</summary>
    public string? Languages { get; init; }

    /// <summary>Culture or people.</summary>
    public string? Culture { get; init; }

    /// <summary>Profile flags.</summary>
    public ProfileFlags? Flags { get; init; }

    /// <summary>The reference educator.</summary>
    public string? ReferenceEducator { get; init; }

    /// <summary>Asylum status (default <c>none</c>).</summary>
    public string? AsylumStatus { get; init; }

    /// <summary>Siblings share a group.</summary>
    public string? SiblingGroup { get; init; }

    /// <summary>Who represents the child in law: <c>guardian</c>, <c>ppnna</c> or <c>none</c> (default).</summary>
    public string? LegalRepresentative { get; init; }

    /// <summary>The child's opinion at the first interview.</summary>
    public string? ChildOpinion { get; init; }
}
