using System.Text.Json;

namespace Orchestrator.Tests.Infrastructure;

/// <summary>One email as MailDev received it (its REST API's JSON, the fields the tests read).</summary>
public sealed record MailDevMessage
{
    /// <summary>MailDev's id (for <see cref="MailDevServer.GetHtmlAsync"/> and <see cref="MailDevServer.GetSourceAsync"/>).</summary>
    public string Id { get; init; } = "";

    /// <summary>The subject, decoded.</summary>
    public string? Subject { get; init; }

    /// <summary>The text part, decoded.</summary>
    public string? Text { get; init; }

    /// <summary>The HTML part, decoded.</summary>
    public string? Html { get; init; }

    /// <summary>The Message-ID without angle brackets.</summary>
    public string? MessageId { get; init; }

    /// <summary>The To addresses.</summary>
    public IReadOnlyList<MailDevAddress> To { get; init; } = [];

    /// <summary>The From addresses.</summary>
    public IReadOnlyList<MailDevAddress> From { get; init; } = [];

    /// <summary>The headers (lower-case names; a repeated header is a JSON array).</summary>
    public Dictionary<string, JsonElement> Headers { get; init; } = [];

    /// <summary>When MailDev received it.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>The attached files (MailDev lists them; <c>null</c> in its JSON when there are none).</summary>
    public IReadOnlyList<MailDevAttachment>? Attachments { get; init; }

    /// <summary>Whether <paramref name="address"/> is a To recipient (case-insensitive).</summary>
    /// <param name="address">The address.</param>
    public bool IsTo(string address) => To.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase));

    /// <summary>A header's value (the first, for a repeated one), or <c>null</c>.</summary>
    /// <param name="name">The header name (any case).</param>
    public string? Header(string name) =>
        Headers.TryGetValue(name.ToLowerInvariant(), out var value)
            ? value.ValueKind == JsonValueKind.Array ? value[0].ToString() : value.ToString()
            : null;
}

/// <summary>An address in <see cref="MailDevMessage"/>.</summary>
/// <param name="Address">The address.</param>
/// <param name="Name">The display name.</param>
public sealed record MailDevAddress(string Address, string? Name);

/// <summary>An attachment in <see cref="MailDevMessage"/>.</summary>
/// <param name="FileName">The file name.</param>
/// <param name="ContentType">The media type.</param>
/// <param name="Length">The size in bytes.</param>
public sealed record MailDevAttachment(string FileName, string ContentType, long Length);
