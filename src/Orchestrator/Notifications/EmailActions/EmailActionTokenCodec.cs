using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Orchestrator.Notifications.EmailActions;

/// <summary>
/// Makes and reads email-action tokens. A token is 32 random bytes sealed with ASP.NET Core Data Protection
/// (purpose <see cref="Purpose"/>: AES-256-CBC with an HMAC-SHA256 over the whole payload, keyed from the service's
/// key ring), base64url-encoded. A forged or altered token fails the HMAC here, before any database lookup; only
/// SHA-256 of the 32 bytes is stored, so the table alone cannot be turned back into working links.
/// </summary>
public sealed class EmailActionTokenCodec
{
    /// <summary>The Data Protection purpose (changing it invalidates every link).</summary>
    public const string Purpose = "Orchestrator.Notifications.EmailActions.v1";

    /// <summary>Tokens longer than this are refused unread (a sealed token is about 155 characters).</summary>
    public const int MaxTokenLength = 512;

    private const int SecretBytes = 32;
    private readonly IDataProtector _protector;

    /// <summary>Creates the codec.</summary>
    /// <param name="provider">The service's Data Protection (its key ring must be shared by every node).</param>
    public EmailActionTokenCodec(IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _protector = provider.CreateProtector(Purpose);
    }

    /// <summary>Makes a new token.</summary>
    public IssuedEmailActionToken Issue()
    {
        var secret = RandomNumberGenerator.GetBytes(SecretBytes);
        return new IssuedEmailActionToken(Base64Url.EncodeToString(_protector.Protect(secret)), Hash(secret));
    }

    /// <summary>Reads a token from a link: its stored hash, or <c>false</c> when it is malformed, forged or altered.</summary>
    /// <param name="token">The token from the URL.</param>
    /// <param name="hash">The hash to look up.</param>
    public bool TryRead(string? token, out string hash)
    {
        hash = "";
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || !Base64Url.IsValid(token))
        {
            return false;
        }

        try
        {
            var secret = _protector.Unprotect(Base64Url.DecodeFromChars(token));
            if (secret.Length != SecretBytes)
            {
                return false;
            }

            hash = Hash(secret);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Hash(byte[] secret) => Convert.ToHexStringLower(SHA256.HashData(secret));
}
