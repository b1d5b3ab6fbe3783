using System.Globalization;
using System.Text;

namespace Orchestrator.Cases.CaseFiles;

/// <summary>Text as people compare it when they search: without case or accents ("López" is "LOPEZ").</summary>
internal static class FoldedText
{
    /// <summary>The folded form of <paramref name="text"/>: trimmed, accents removed, upper case, spaces collapsed.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The folded text.</returns>
    public static string Of(string? text)
    {
        var decomposed = (text ?? "").Trim().Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (kept.Length > 0 && kept[^1] != ' ')
                {
                    kept.Append(' ');
                }

                continue;
            }

            kept.Append(char.ToUpperInvariant(c));
        }

        return kept.ToString().Normalize(NormalizationForm.FormC).TrimEnd();
    }

    /// <summary>The initials of a child's names: "Marta" + "López Ajú" is "M. L. A.".</summary>
    /// <param name="givenNames">Given names.</param>
    /// <param name="familyNames">Family names.</param>
    /// <returns>The initials, or "—" without names.</returns>
    public static string Initials(string? givenNames, string? familyNames)
    {
        var words = $"{givenNames} {familyNames}".Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var letters = words.Select(w => w.EnumerateRunes().FirstOrDefault(r => Rune.IsLetter(r))).Where(r => r.Value != 0)
            .Select(r => Rune.ToUpperInvariant(r).ToString() + ".");
        var initials = string.Join(" ", letters);
        return initials.Length == 0 ? "—" : initials;
    }
}
