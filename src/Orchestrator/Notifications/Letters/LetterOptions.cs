namespace Orchestrator.Notifications.Letters;

/// <summary>The letter settings of the <c>Notifications</c> section.</summary>
public sealed class LetterOptions
{
    /// <summary><c>Notifications:ChromiumPath</c>: the headless browser that prints letters to PDF (Debian package <c>chromium</c>).</summary>
    public string ChromiumPath { get; init; } = "/usr/bin/chromium";

    /// <summary><c>Notifications:PrintTimeout</c>: how long one print may take before it is stopped (default 60 s).</summary>
    public TimeSpan PrintTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>Notifications:OrganisationAddress</c>: the address line of the letterhead.</summary>
    public string? OrganisationAddress { get; init; }

    /// <summary><c>Notifications:LetterPlace</c>: the place written before the date (e.g. <c>Ciudad de México</c>), unless the case sets <c>place</c>.</summary>
    public string? LetterPlace { get; init; }

    /// <summary><c>Notifications:LetterSignatory</c>: the name in the signature block, unless the case sets <c>signatory</c>.</summary>
    public string? LetterSignatory { get; init; }
}
