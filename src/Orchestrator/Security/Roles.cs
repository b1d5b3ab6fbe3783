namespace Orchestrator.Security;

/// <summary>
/// The roles of the service, in one place: the staff roles of docs/care-model.md (which are also the candidate groups
/// that workflows assign tasks to) plus <see cref="Admin"/> and <see cref="Designer"/>.
/// </summary>
public static class Roles
{
    /// <summary>Coordinator: leads the team; sees every task; cancels instances; handles incidents.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>Social worker.</summary>
    public const string SocialWorker = "social-worker";

    /// <summary>Psychologist.</summary>
    public const string Psychologist = "psychologist";

    /// <summary>Educator (the child's reference educator/operator).</summary>
    public const string Educator = "educator";

    /// <summary>Lawyer.</summary>
    public const string Lawyer = "lawyer";

    /// <summary>Liaison with the PPNNA (child protection authority).</summary>
    public const string PpnnaLiaison = "ppnna-liaison";

    /// <summary>Data manager: keeps case files and records.</summary>
    public const string DataManager = "data-manager";

    /// <summary>Street outreach counsellor: meets children on the street, records contacts and links them to pseudonymous records.</summary>
    public const string OutreachCounsellor = "outreach-counsellor";

    /// <summary>The team of Palomas Home (young mothers and their babies, run with Casa Hogar para Madres Solteras).</summary>
    public const string PalomasTeam = "palomas-team";

    /// <summary>The team of the Luna programme (sexuality, sexual health, trafficking, HIV care).</summary>
    public const string LunaTeam = "luna-team";

    /// <summary>The team of the apartment programme for survivors of trafficking.</summary>
    public const string ApartmentTeam = "apartment-team";

    /// <summary>Administrator: everything, including deployment and incidents.</summary>
    public const string Admin = "admin";

    /// <summary>Process designer: deploys BPMN; sees no case data.</summary>
    public const string Designer = "designer";

    /// <summary>The care staff roles (the groups tasks are assigned to): those of the care model, then the street outreach and programme teams.</summary>
    public static IReadOnlyList<string> CareStaff { get; } =
        [Coordinator, SocialWorker, Psychologist, Educator, Lawyer, PpnnaLiaison, DataManager, OutreachCounsellor, PalomasTeam, LunaTeam, ApartmentTeam];

    /// <summary>Every role the service knows, care staff first.</summary>
    public static IReadOnlyList<string> All { get; } = [.. CareStaff, Admin, Designer];

    /// <summary>Whether <paramref name="role"/> is a role of the service.</summary>
    /// <param name="role">A role name.</param>
    /// <returns><c>true</c> for a known role.</returns>
    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
