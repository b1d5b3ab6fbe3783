using Orchestrator.Cases.Sensitive;

namespace Orchestrator.Cases;

/// <summary>The profile flags of the care model (docs/care-model.md; recorded at detection; each changes the care a child needs).</summary>
public sealed class ProfileFlags
{
    /// <summary>Victim of crime.</summary>
    public bool VictimOfCrime { get; set; }

    /// <summary>LGBTTTI.</summary>
    public bool Lgbttti { get; set; }

    /// <summary>Victim of trafficking: sensitive (the referral form's field carries the same mark).</summary>
    [Sensitive(SensitiveCategories.Trafficking)]
    public bool TraffickingVictim { get; set; }

    /// <summary>Victim of extreme violence.</summary>
    public bool ExtremeViolenceVictim { get; set; }

    /// <summary>Indigenous.</summary>
    public bool Indigenous { get; set; }

    /// <summary>Has a disability.</summary>
    public bool Disability { get; set; }

    /// <summary>Pregnant or with a child.</summary>
    public bool PregnantOrWithChild { get; set; }

    /// <summary>
    /// These flags with <paramref name="recorded"/> added: a flag once recorded stays (a later step adds what it found;
    /// it never clears what the case file holds).
    /// </summary>
    /// <param name="recorded">Flags a later step recorded.</param>
    public ProfileFlags With(ProfileFlags recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new ProfileFlags
        {
            VictimOfCrime = VictimOfCrime || recorded.VictimOfCrime,
            Lgbttti = Lgbttti || recorded.Lgbttti,
            TraffickingVictim = TraffickingVictim || recorded.TraffickingVictim,
            ExtremeViolenceVictim = ExtremeViolenceVictim || recorded.ExtremeViolenceVictim,
            Indigenous = Indigenous || recorded.Indigenous,
            Disability = Disability || recorded.Disability,
            PregnantOrWithChild = PregnantOrWithChild || recorded.PregnantOrWithChild,
        };
    }
}
