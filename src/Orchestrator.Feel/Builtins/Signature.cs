namespace Orchestrator.Feel.Builtins;

/// <summary>One signature: parameter names, how many are required, and whether the last repeats.</summary>
internal sealed record Signature(string[] Parameters, int Required, bool Variadic)
{
    /// <summary>
    /// Builds a signature: <c>"length?"</c> is optional, <c>"item..."</c> repeats. A repeating first
    /// parameter (<c>"list..."</c>: a list or one or more items) needs at least one argument, so
    /// <c>all()</c> is an error (null), as the DMN TCK (0059, 0060, 0062) expects.
    /// </summary>
    public static Signature Of(params string[] parameters)
    {
        var names = new string[parameters.Length];
        var required = 0;
        var variadic = false;
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            if (p.EndsWith("...", StringComparison.Ordinal))
            {
                variadic = true;
                p = p[..^3];
                if (i == 0)
                {
                    required = 1;
                }
            }
            else if (p.EndsWith('?'))
            {
                p = p[..^1];
            }
            else
            {
                required = i + 1;
            }

            names[i] = p;
        }

        return new Signature(names, required, variadic);
    }

    public bool Accepts(int count) => count >= Required && (Variadic || count <= Parameters.Length);

    public override string ToString() => "(" + string.Join(", ", Parameters) + (Variadic ? ", ..." : string.Empty) + ")";
}
