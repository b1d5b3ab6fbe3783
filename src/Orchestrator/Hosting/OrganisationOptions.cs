namespace Orchestrator.Hosting;

/// <summary>
/// The <c>Organisation</c> section of appsettings.json: who runs this service. Every page (the outside person's
/// included), every email and every letter shows this name and logo, not the product's; dates are shown in its time
/// zone and a person without a language of their own gets its default language.
/// </summary>
public sealed class OrganisationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Organisation";

    /// <summary>The organisation's name, at the top left of every page and in every email's and letter's heading.</summary>
    public string Name { get; init; } = "Casa Alianza México";

    /// <summary>
    /// An optional logo (a PNG, JPEG or SVG file; relative: to the content root). Empty: the name alone. Pages show it
    /// beside the name; emails and letters embed it.
    /// </summary>
    public string? LogoPath { get; init; }

    /// <summary>The IANA time zone dates and times are shown in (<c>America/Mexico_City</c>).</summary>
    public string TimeZone { get; init; } = "America/Mexico_City";

    /// <summary>The language of a person, page or email whose own is unknown: <c>es</c> (es-MX) or <c>en</c>.</summary>
    public string DefaultLanguage { get; init; } = "es";
}
