using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Orchestrator.Supervision;

/// <summary>
/// The opaque "next page" cursors of the supervision lists: the sort keys of the last row of a page (an instant as UTC
/// ticks and one or two strings), base64url-encoded so that a URL carries them as one plain token.
/// </summary>
internal static class PageCursor
{
    private const char Separator = '\u001f';

    /// <summary>A cursor for the row whose sort keys are these.</summary>
    public static string Encode(DateTimeOffset at, params string[] keys) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join(Separator, [at.UtcTicks.ToString(CultureInfo.InvariantCulture), .. keys])));

    /// <summary>Reads a cursor made by <see cref="Encode"/> with <paramref name="keyCount"/> keys.</summary>
    /// <exception cref="ArgumentException">It is not such a cursor (named <c>after</c>).</exception>
    public static (DateTimeOffset At, string[] Keys) Decode(string cursor, int keyCount)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split(Separator);
            if (parts.Length == keyCount + 1 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks)
            {
                return (new DateTimeOffset(ticks, TimeSpan.Zero), parts[1..]);
            }
        }
        catch (FormatException)
        {
        }

        throw new ArgumentException("after: not a cursor this list gave (use the 'next' value of the previous page).", nameof(cursor));
    }
}
