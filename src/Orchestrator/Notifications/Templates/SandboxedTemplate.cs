using System.Globalization;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Orchestrator.Notifications.Templates;

/// <summary>
/// One part of a template file (a subject, an HTML body, a text body) compiled by Scriban and checked by
/// <see cref="TemplateChecker"/>, rendered in a sandbox: the model is the only data (a <see cref="ScriptObject"/> of
/// plain values), <see cref="TemplateFunctions"/> the only functions, no .NET member of any value is reachable (a
/// member filter that admits none), unknown names and members are errors (<c>StrictVariables</c>, no relaxed access),
/// no template loader (no <c>include</c>), and loops, recursion, string and output sizes are bounded. Errors name the
/// file, line and column.
/// </summary>
internal sealed class SandboxedTemplate
{
    /// <summary>The most iterations of one loop.</summary>
    public const int LoopLimit = 1000;

    /// <summary>The deepest recursion of the template's own functions.</summary>
    public const int RecursiveLimit = 20;

    /// <summary>The largest output of one part, in characters.</summary>
    public const int OutputLimit = 1_000_000;

    private readonly Template _template;

    private SandboxedTemplate(Template template, string file, IReadOnlySet<string> reads, IReadOnlySet<string> tested)
    {
        _template = template;
        File = file;
        Reads = reads;
        Tested = tested;
    }

    /// <summary>The file the part comes from.</summary>
    public string File { get; }

    /// <summary>The names the part reads from its model.</summary>
    public IReadOnlySet<string> Reads { get; }

    /// <summary>The names the part tests as a bare condition (<c>{{ if x }}</c>); a letter treats them as optional.</summary>
    public IReadOnlySet<string> Tested { get; }

    /// <summary>Compiles and checks a part.</summary>
    /// <param name="text">The part's text.</param>
    /// <param name="file">The file (errors name it).</param>
    /// <param name="line">The 1-based line of the file the part starts on.</param>
    /// <param name="column">The 1-based column it starts at.</param>
    /// <param name="model">The names the part may read, when known (emails); <c>null</c> for letters.</param>
    /// <exception cref="TemplateException">The part does not parse, or reaches outside its model (the message names the file, line and column).</exception>
    public static SandboxedTemplate Compile(string text, string file, int line, int column, IReadOnlySet<string>? model)
    {
        ArgumentNullException.ThrowIfNull(text);
        var template = Template.Parse(text, file, lexerOptions: new LexerOptions { StartPosition = new TextPosition(0, line - 1, column - 1) });
        if (template.HasErrors)
        {
            throw new TemplateException(string.Join(Environment.NewLine, template.Messages.Where(m => m.Type == ParserMessageType.Error).Select(Describe)));
        }

        var (reads, tested) = TemplateChecker.Check(template.Page ?? throw new TemplateException($"{file}: the template is empty of syntax."), file, model);
        return new SandboxedTemplate(template, file, reads, tested);
    }

    /// <summary>Renders the part.</summary>
    /// <param name="model">The only data it sees.</param>
    /// <param name="functions">The functions, for the language being rendered.</param>
    /// <param name="output">Text or HTML.</param>
    /// <exception cref="TemplateException">A name or member the model lacks, a limit reached, or a function given a wrong value (the message names the file, line and column).</exception>
    public string Render(ScriptObject model, ScriptObject functions, TemplateOutput output)
    {
        var context = output == TemplateOutput.Html ? new HtmlTemplateContext(functions) : new TemplateContext(functions);
        context.StrictVariables = true;
        context.EnableRelaxedMemberAccess = false;
        context.EnableRelaxedIndexerAccess = false;
        context.EnableRelaxedFunctionAccess = false;
        context.EnableRelaxedTargetAccess = false;
        context.MemberFilter = _ => false; // no property, field or method of a .NET value: only the model's own keys
        context.TemplateLoader = null;
        context.LoopLimit = LoopLimit;
        context.RecursiveLimit = RecursiveLimit;
        context.ObjectRecursionLimit = RecursiveLimit;
        context.LimitToString = OutputLimit;
        context.OutputLimit = OutputLimit;
        context.RegexTimeOut = TimeSpan.FromSeconds(1);
        context.PushCulture(CultureInfo.InvariantCulture);
        context.PushGlobal(model);
        try
        {
            return _template.Render(context);
        }
        catch (ScriptRuntimeException e)
        {
            throw new TemplateException($"{Position(e.Span)}: {e.OriginalMessage}", e);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or InvalidCastException)
        {
            throw new TemplateException($"{Position(context.CurrentSpan)}: {e.Message}", e);
        }
    }

    private string Position(SourceSpan span) =>
        string.IsNullOrEmpty(span.FileName) ? File : $"{span.FileName}({span.Start.Line + 1},{span.Start.Column + 1})";

    private static string Describe(LogMessage message) => $"{message.Span.FileName}({message.Span.Start.Line + 1},{message.Span.Start.Column + 1}): {message.Message}";
}
