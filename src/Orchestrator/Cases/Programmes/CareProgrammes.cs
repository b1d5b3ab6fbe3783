using Orchestrator.Security;

namespace Orchestrator.Cases.Programmes;

/// <summary>The programmes a child or young adult can be enrolled in, each with its own team (a group tasks go to).</summary>
public static class CareProgrammes
{
    /// <summary>Palomas Home, run with Casa Hogar para Madres Solteras: young mothers and their babies.</summary>
    public const string Palomas = "palomas";

    /// <summary>Luna: sexuality, sexual health, human trafficking, HIV care.</summary>
    public const string Luna = "luna";

    /// <summary>The apartment programme for survivors of trafficking: employed young adults in leased apartments, with continued case management.</summary>
    public const string Apartments = "apartments";

    /// <summary>Every programme.</summary>
    public static IReadOnlyList<string> All { get; } = [Palomas, Luna, Apartments];

    /// <summary>The programme's team: the group its tasks are assigned to.</summary>
    /// <param name="programme">The programme.</param>
    public static string TeamOf(string programme) => programme switch
    {
        Palomas => Roles.PalomasTeam,
        Luna => Roles.LunaTeam,
        Apartments => Roles.ApartmentTeam,
        _ => throw new ArgumentException($"'{programme}' is not a programme; use one of {string.Join(", ", All)}.", nameof(programme)),
    };

    /// <summary>
    /// Whether the programme is run with, or hosted by, another organisation (Palomas Home with Casa Hogar para Madres
    /// Solteras; the apartments leased by the Central American Women's Fund), so that enrolment shares information
    /// outside and needs consent to that too.
    /// </summary>
    /// <param name="programme">The programme.</param>
    public static bool SharesInformationOutside(string programme) => programme is Palomas or Apartments;
}
