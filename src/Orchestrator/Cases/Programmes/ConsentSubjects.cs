namespace Orchestrator.Cases.Programmes;

/// <summary>What a consent is about.</summary>
public static class ConsentSubjects
{
    /// <summary>Sharing the child's information with another organisation.</summary>
    public const string InformationSharing = "information-sharing";

    /// <summary>The prefix of a consent to a programme (<c>programme:luna</c>).</summary>
    public const string ProgrammePrefix = "programme:";

    /// <summary>The subject of a consent to <paramref name="programme"/>.</summary>
    /// <param name="programme">The programme.</param>
    public static string Programme(string programme) => ProgrammePrefix + programme;

    /// <summary>Every subject.</summary>
    public static IReadOnlyList<string> All { get; } = [.. CareProgrammes.All.Select(Programme), InformationSharing];
}
