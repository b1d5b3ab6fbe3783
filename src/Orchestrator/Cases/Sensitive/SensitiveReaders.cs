using Orchestrator.Security;

namespace Orchestrator.Cases.Sensitive;

/// <summary>
/// Which groups read each category of sensitive data (settings <c>Cases:SensitiveReaders:*</c>, groups separated by
/// commas). Nobody else does: not coordinators (except the case link), not data managers, not admins.
/// </summary>
public sealed class SensitiveReaders
{
    /// <summary><see cref="SensitiveCategories.SexualHealth"/>.</summary>
    public string SexualHealth { get; set; } = $"{Roles.LunaTeam}, {Roles.Psychologist}";

    /// <summary><see cref="SensitiveCategories.SexualExploitation"/>.</summary>
    public string SexualExploitation { get; set; } = $"{Roles.LunaTeam}, {Roles.Psychologist}";

    /// <summary><see cref="SensitiveCategories.Trafficking"/>.</summary>
    public string Trafficking { get; set; } = $"{Roles.LunaTeam}, {Roles.ApartmentTeam}, {Roles.Psychologist}";

    /// <summary><see cref="SensitiveCategories.CaseLink"/>.</summary>
    public string CaseLink { get; set; } = Roles.Coordinator;

    /// <summary>The groups that read <paramref name="category"/>.</summary>
    /// <param name="category">A <see cref="SensitiveCategories"/> value.</param>
    /// <exception cref="ArgumentException">Not a category.</exception>
    public IReadOnlySet<string> Of(string category) => Split(category switch
    {
        SensitiveCategories.SexualHealth => SexualHealth,
        SensitiveCategories.SexualExploitation => SexualExploitation,
        SensitiveCategories.Trafficking => Trafficking,
        SensitiveCategories.CaseLink => CaseLink,
        _ => throw new ArgumentException($"'{category}' is not a sensitive category; use one of {string.Join(", ", SensitiveCategories.All)}.", nameof(category)),
    });

    /// <summary>A setting that names a group no role has (a typo would hide the data from everyone), or <c>null</c>.</summary>
    public string? Problem() =>
        SensitiveCategories.All.SelectMany(c => Of(c).Where(g => !Roles.IsKnown(g)).Select(g => $"Cases:SensitiveReaders ({c}): '{g}' is not a role ({string.Join(", ", Roles.All)})."))
            .FirstOrDefault();

    private static HashSet<string> Split(string? groups) =>
        new((groups ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
}
