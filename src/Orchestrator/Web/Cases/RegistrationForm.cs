namespace Orchestrator.Web.Cases;

/// <summary>What the registration page posts (<c>/cases/new</c>): the fields of <c>POST /api/cases/registrations</c>.</summary>
public sealed class RegistrationForm
{
    /// <summary>Given names (required).</summary>
    public string? GivenNames { get; set; }

    /// <summary>Family names.</summary>
    public string? FamilyNames { get; set; }

    /// <summary>Date of birth as the date field sends it (<c>yyyy-MM-dd</c>), empty when unknown.</summary>
    public string? BirthDate { get; set; }

    /// <summary><c>female</c>, <c>male</c> or <c>other</c>.</summary>
    public string? Sex { get; set; }

    /// <summary>Nationality (required).</summary>
    public string? Nationality { get; set; }

    /// <summary>Languages, comma-separated.</summary>
    public string? Languages { get; set; }

    /// <summary>Culture or people.</summary>
    public string? Culture { get; set; }

    /// <summary>The profile flags ticked, by property name (<c>VictimOfCrime</c>).</summary>
    public List<string> Flags { get; set; } = [];

    /// <summary>Asylum status.</summary>
    public string? AsylumStatus { get; set; }

    /// <summary>The reference educator's user name.</summary>
    public string? ReferenceEducator { get; set; }

    /// <summary>Sibling group.</summary>
    public string? SiblingGroup { get; set; }

    /// <summary>The child's opinion at the first interview.</summary>
    public string? ChildOpinion { get; set; }

    /// <summary>The consulate (empty: the one of the nationality).</summary>
    public string? ConsulateId { get; set; }
}
