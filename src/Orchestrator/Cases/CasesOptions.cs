namespace Orchestrator.Cases;

/// <summary>
/// Settings of the case domain (section <c>Cases</c>). Every number is a programme setting with the value of
/// care-model.md as its default; a facility registered without a capacity or age range takes its kind's values here.
/// </summary>
public sealed class CasesOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Cases";

    /// <summary>Case references are <c>{ReferencePrefix}-{year}-{0001}</c>.</summary>
    public string ReferencePrefix { get; set; } = "CA";

    /// <summary>Certificates of aptitude are <c>{CertificatePrefix}-{year}-{0001}</c>.</summary>
    public string CertificatePrefix { get; set; } = "DIF-CERT";

    /// <summary>How long a certificate of aptitude is valid when the journey gives no expiry (not in the source).</summary>
    public int CertificateValidityMonths { get; set; } = 24;

    /// <summary>A first reception CAS: 20–30 children (documented); the upper bound is the default capacity.</summary>
    public FacilityDefaults FirstReception { get; set; } = new() { Capacity = 30, MinAge = 0, MaxAge = 17 };

    /// <summary>A long-term CAS: at most 15 children aged 11–17 (documented).</summary>
    public FacilityDefaults LongTerm { get; set; } = new() { Capacity = 15, MinAge = 11, MaxAge = 17 };

    /// <summary>A supervised small group home: at most 8 adolescents aged 16–18 (documented).</summary>
    public FacilityDefaults GroupHome { get; set; } = new() { Capacity = 8, MinAge = 16, MaxAge = 18 };

    /// <summary>Seed facilities, consulates and demo children at start-up; <c>null</c> = in Development only.</summary>
    public bool? SeedDemoCases { get; set; }

    /// <summary>How many foster families a match suggestion lists at most.</summary>
    public int MaxSuggestions { get; set; } = 10;

    /// <summary>The defaults of a kind of facility.</summary>
    /// <param name="kind">A <see cref="FacilityKinds"/> value.</param>
    public FacilityDefaults DefaultsFor(string kind) => kind switch
    {
        FacilityKinds.FirstReception => FirstReception,
        FacilityKinds.LongTerm => LongTerm,
        FacilityKinds.GroupHome => GroupHome,
        _ => throw new ArgumentException($"Unknown facility kind '{kind}'; use one of {string.Join(", ", FacilityKinds.All)}.", nameof(kind)),
    };
}
