using Microsoft.Extensions.Options;
using Orchestrator.Hosting;

namespace Orchestrator.Notifications;

/// <summary>
/// The organisation's logo (<c>Organisation:LogoPath</c>), read once at start-up: emails carry it as an inline image
/// (<c>cid:</c>, a part of the message, so mail clients show it without fetching anything), letters as a
/// <c>data:</c> address inside the printed page. Without a path, templates get no logo and show the name alone.
/// </summary>
public sealed class OrganisationLogo
{
    /// <summary>The Content-ID of the logo part in an email (without angle brackets).</summary>
    public const string ContentId = "organisation-logo@orchestrator";

    /// <summary>The largest logo accepted (emails carry it in every message).</summary>
    public const int MaxBytes = 512 * 1024;

    private readonly byte[]? _content;

    private OrganisationLogo(byte[]? content, string? mediaType, string? fileName)
    {
        _content = content;
        MediaType = mediaType;
        FileName = fileName;
    }

    /// <summary>No logo.</summary>
    public static OrganisationLogo None { get; } = new(null, null, null);

    /// <summary>The image bytes, or <c>null</c> without a logo.</summary>
    public ReadOnlyMemory<byte>? Content => _content is { } bytes ? new ReadOnlyMemory<byte>(bytes) : default(ReadOnlyMemory<byte>?);

    /// <summary>The media type (<c>image/png</c>, <c>image/jpeg</c>, <c>image/svg+xml</c>).</summary>
    public string? MediaType { get; }

    /// <summary>The file name (for the email part).</summary>
    public string? FileName { get; }

    /// <summary>Whether a logo is configured.</summary>
    public bool IsSet => _content is not null;

    /// <summary>What an email template's <c>organisationLogo</c> holds: <c>cid:…</c>, or <c>null</c>.</summary>
    public string? EmailUrl => IsSet ? "cid:" + ContentId : null;

    /// <summary>What a letter template's <c>organisationLogo</c> holds: a <c>data:</c> address, or <c>null</c>.</summary>
    public string? DataUrl => _content is { } bytes ? $"data:{MediaType};base64,{Convert.ToBase64String(bytes)}" : null;

    /// <summary>Reads the configured logo.</summary>
    /// <param name="organisation">The organisation settings.</param>
    /// <param name="environment">The content root (a relative path is under it).</param>
    /// <exception cref="InvalidOperationException">The file is missing, too large, or not a PNG, JPEG or SVG (the message names <c>Organisation:LogoPath</c>).</exception>
    public static OrganisationLogo Load(IOptions<OrganisationOptions> organisation, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(environment);
        if (string.IsNullOrWhiteSpace(organisation.Value.LogoPath))
        {
            return None;
        }

        var path = Path.GetFullPath(organisation.Value.LogoPath, environment.ContentRootPath);
        var mediaType = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".svg" => "image/svg+xml",
            var other => throw new InvalidOperationException($"Organisation:LogoPath '{path}' is a '{other}' file; the logo must be a PNG, JPEG or SVG file (PNG shows in every mail client)."),
        };
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Organisation:LogoPath '{path}' does not exist; give the logo's file (relative to the content root) or leave the setting empty for the name alone.");
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0 || bytes.Length > MaxBytes)
        {
            throw new InvalidOperationException($"Organisation:LogoPath '{path}' has {bytes.Length} bytes; a logo must have between 1 and {MaxBytes} (every email carries it).");
        }

        return new OrganisationLogo(bytes, mediaType, Path.GetFileName(path));
    }
}
