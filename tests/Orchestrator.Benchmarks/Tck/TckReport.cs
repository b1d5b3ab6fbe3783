using System.Globalization;
using System.Xml.Linq;
using Orchestrator.Feel;

namespace Orchestrator.Benchmarks.Tck;

/// <summary>
/// <c>tck PATH [--verbose]</c>: runs the DMN TCK cases that apply to standalone FEEL (see <see cref="DmnModel"/> for
/// which) under PATH (a <c>TestCases/compliance-level-3</c> folder of <c>dmn-tck/tck</c>, fetched, not committed)
/// through <see cref="FeelEngine"/>, and prints the pass rate and each failure. One case is one result node of a
/// test file: a decision's value for the test's inputs. Inputs and required decisions are passed as variables; a
/// result node that expects an error passes when the result is null. <c>--verbose</c> also lists the cases that do
/// not apply, with the reason.
/// </summary>
internal static class TckReport
{
    public static int Run(string[] args)
    {
        var verbose = args.Contains("--verbose");
        var root = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (root is null || !Directory.Exists(root))
        {
            Console.Error.WriteLine("usage: tck PATH [--verbose]   (PATH: dmn-tck/tck's TestCases/compliance-level-3)");
            return 2;
        }

        var engine = new FeelEngine();
        int total = 0, applicable = 0, passed = 0;
        var failures = new List<string>();
        var notApplicable = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var testFile in Directory.EnumerateFiles(root, "*-test-*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var folder = Path.GetDirectoryName(testFile)!;
            var tests = XDocument.Load(testFile, LoadOptions.PreserveWhitespace).Root!; // a value may be a space
            var modelName = tests.Elements().FirstOrDefault(e => e.Name.LocalName == "modelName")?.Value.Trim();
            var modelPath = modelName is not null ? Path.Combine(folder, modelName) : Directory.EnumerateFiles(folder, "*.dmn").FirstOrDefault();
            var model = modelPath is not null && File.Exists(modelPath) ? new DmnModel(modelPath) : null;
            foreach (var testCase in tests.Elements().Where(e => e.Name.LocalName == "testCase"))
            {
                var caseId = $"{Path.GetFileName(folder)}/{(string?)testCase.Attribute("id")}";
                var inputs = testCase.Elements().Where(e => e.Name.LocalName == "inputNode")
                    .ToDictionary(e => (string)e.Attribute("name")!, TckValue.ToFeel, StringComparer.Ordinal);
                var decisionCase = ((string?)testCase.Attribute("type") ?? "decision") == "decision";
                foreach (var result in testCase.Elements().Where(e => e.Name.LocalName == "resultNode"))
                {
                    total++;
                    var name = (string)result.Attribute("name")!;
                    var label = $"{caseId} {name}";
                    string? why = model is null ? "no model file" : !decisionCase ? "the test invokes a business knowledge model or decision service"
                        : ((string?)result.Attribute("type") ?? "decision") != "decision" ? "the result is not a decision's" : null;
                    FeelValue? actual = null;
                    var warnings = new List<string>();
                    if (why is null)
                    {
                        (actual, why) = Evaluate(engine, model!, name, inputs, warnings, new Dictionary<string, FeelValue>(StringComparer.Ordinal));
                    }

                    if (why is not null)
                    {
                        notApplicable[why] = notApplicable.GetValueOrDefault(why) + 1;
                        if (verbose)
                        {
                            Console.WriteLine($"not applicable: {label}: {why}");
                        }

                        continue;
                    }

                    applicable++;
                    var expectedNode = result.Elements().First(e => e.Name.LocalName == "expected");
                    var errorResult = (string?)result.Attribute("errorResult") == "true";
                    var expectedText = TckValue.ToFeel(expectedNode);
                    var expected = engine.Evaluate(expectedText).Value;
                    var ok = errorResult ? actual!.IsNull : TckValue.Same(expectedNode, expected, actual!);
                    if (ok)
                    {
                        passed++;
                    }
                    else
                    {
                        failures.Add($"FAIL {label}: expected {(errorResult ? "an error (null)" : expected.ToString())}, got {actual}{(warnings.Count > 0 ? " (" + string.Join("; ", warnings.Distinct()) + ")" : string.Empty)}");
                    }
                }
            }
        }

        foreach (var failure in failures)
        {
            Console.WriteLine(failure);
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"cases (result nodes): {total}; applicable to standalone FEEL: {applicable}; passed: {passed}; failed: {applicable - passed}"));
        Console.WriteLine(string.Create(c, $"pass rate: {(applicable == 0 ? 0 : 100.0 * passed / applicable):0.00}% of the applicable cases"));
        Console.WriteLine("not applicable, by reason:");
        foreach (var (reason, count) in notApplicable.OrderByDescending(kv => kv.Value))
        {
            Console.WriteLine(string.Create(c, $"  {count,5}  {reason}"));
        }

        return 0;
    }

    /// <summary>A decision's value for the inputs: its required decisions first (their values become variables), then its own FEEL.</summary>
    private static (FeelValue? Value, string? NotApplicable) Evaluate(
        FeelEngine engine, DmnModel model, string decision, Dictionary<string, string> inputs, List<string> warnings, Dictionary<string, FeelValue> done)
    {
        if (done.TryGetValue(decision, out var known))
        {
            return (known, null);
        }

        var (feel, type, requires, why) = model.Decision(decision);
        if (feel is null)
        {
            return (null, why);
        }

        var variables = new List<KeyValuePair<string, FeelValue>>();
        foreach (var (name, text) in inputs)
        {
            variables.Add(new(name, engine.Evaluate(text).Value));
        }

        foreach (var required in requires)
        {
            var (requiredValue, _) = Evaluate(engine, model, required, inputs, warnings, done);
            if (requiredValue is null)
            {
                return (null, "it requires a decision that is not applicable");
            }

            variables.Add(new(required, requiredValue));
        }

        var result = engine.Evaluate(feel, FeelContext.Create(variables));
        warnings.AddRange(result.Warnings.Select(w => w.Message));
        if (result.Failure is { } failure)
        {
            warnings.Add($"{failure.Code}: {failure.Message}");
        }

        var value = Coerce(result.Value, type, warnings);
        done[decision] = value;
        return (value, null);
    }

    /// <summary>
    /// DMN's part, not FEEL's: a decision's value is converted to the type its variable declares (DMN 1.5 §10.3.2.9.4):
    /// a singleton list to its item when the type is not a list, an item to a singleton list when it is, and a value
    /// that does not conform is null.
    /// </summary>
    private static FeelValue Coerce(FeelValue value, string? type, List<string> warnings)
    {
        if (type is null or "Any" || value.IsNull)
        {
            return value;
        }

        var isList = type == "list" || type.StartsWith("list<", StringComparison.Ordinal);
        if (!isList && value is FeelList { Count: 1 } single)
        {
            value = single[0];
        }
        else if (isList && value is not FeelList)
        {
            value = FeelValue.From([value]);
        }

        if (Conforms(value, type))
        {
            return value;
        }

        warnings.Add($"the value does not conform to the decision's type {type} (DMN makes it null)");
        return FeelNull.Instance;
    }

    private static bool Conforms(FeelValue value, string type) => type switch
    {
        "number" => value is FeelNumber,
        "string" => value is FeelString,
        "boolean" => value is FeelBoolean,
        "date" => value is FeelDate,
        "time" => value is FeelTime,
        "dateTime" or "date and time" => value is FeelDateTime,
        "dayTimeDuration" or "days and time duration" => value is FeelDaysTimeDuration,
        "yearMonthDuration" or "years and months duration" => value is FeelYearsMonthsDuration,
        "context" => value is FeelContext,
        "list" => value is FeelList,
        "function" => value is FeelFunction,
        "range" => value is FeelRange,
        _ when type.StartsWith("list<", StringComparison.Ordinal) && type.EndsWith('>') =>
            value is FeelList l && l.Items.All(i => i.IsNull || Conforms(i, type[5..^1])),
        _ => true,
    };
}
