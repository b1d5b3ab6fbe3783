using Orchestrator.Cases.OpenDoor;
using Orchestrator.Cases.Programmes;
using Orchestrator.Cases.Sensitive;

namespace Orchestrator.Cases;

/// <summary>
/// Settings of the case domain (section <c>Cases</c>). Every number is a programme setting with the value of
/// the care model (docs/care-model.md) as its default; a facility registered without a capacity or age range takes its kind's values here.
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

    /// <summary>How many foster families a match suggestion lists at most (and pseudonymous records a contact suggests).</summary>
    public int MaxSuggestions { get; set; } = 10;

    /// <summary>The open door: street outreach, pre-community and admission to the residence.</summary>
    public OpenDoorSettings OpenDoor { get; set; } = new();

    /// <summary>Palomas Home: 30 places for mothers aged 12 to 21 and their babies (documented).</summary>
    public ProgrammeSettings Palomas { get; set; } = new() { Capacity = 30, MinAge = 12, MaxAge = 21, Sex = ChildSexes.Female };

    /// <summary>The Luna programme: the source gives no number.</summary>
    public ProgrammeSettings Luna { get; set; } = new();

    /// <summary>The apartment programme for survivors of trafficking: the source gives no number.</summary>
    public ProgrammeSettings Apartments { get; set; } = new();

    /// <summary>Who reads each category of sensitive data.</summary>
    public SensitiveReaders SensitiveReaders { get; set; } = new();

    /// <summary>The settings of a programme.</summary>
    /// <param name="programme">A <see cref="CareProgrammes"/> value.</param>
    public ProgrammeSettings SettingsOf(string programme) => programme switch
    {
        CareProgrammes.Palomas => Palomas,
        CareProgrammes.Luna => Luna,
        CareProgrammes.Apartments => Apartments,
        _ => throw new ArgumentException($"Unknown programme '{programme}'; use one of {string.Join(", ", CareProgrammes.All)}.", nameof(programme)),
    };

    /// <summary>The first setting that cannot work (a programme's ages or places, the open door's ages, the sensitive readers), or <c>null</c>.</summary>
    public string? Problem()
    {
        foreach (var programme in CareProgrammes.All)
        {
            var p = SettingsOf(programme);
            if (p.Capacity is < 1 || (p.MinAge is { } lo && p.MaxAge is { } hi && lo > hi) || (p.Sex is { } sex && !ChildSexes.All.Contains(sex, StringComparer.Ordinal)))
            {
                return $"Cases:{char.ToUpperInvariant(programme[0])}{programme[1..]}: Capacity must be positive, MinAge <= MaxAge, Sex one of {string.Join(", ", ChildSexes.All)}.";
            }
        }

        if (OpenDoor.MinAge > OpenDoor.MaxAge || OpenDoor.SuggestionAgeTolerance < 0)
        {
            return "Cases:OpenDoor: MinAge must be <= MaxAge and SuggestionAgeTolerance not negative.";
        }

        return SensitiveReaders.Problem();
    }

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
