using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.Feel;

namespace Orchestrator.Forms;

// The per-field checks of one validation run: type, text, number, options, read-only and expression values, conditions.
public sealed partial class FormValidator
{
    private sealed partial class Run
    {
        /// <summary>The value's type (and, for options and dates, its content); false when it is wrong and nothing else is worth checking.</summary>
        private bool CheckType(FormComponent c, Scope scope, List<object> path, JsonNode value)
        {
            var kind = value.GetValueKind();
            switch (c.Kind)
            {
                case FieldKind.Textfield or FieldKind.Textarea:
                    if (kind != JsonValueKind.String)
                    {
                        Error(path, "must be text");
                        return false;
                    }

                    if (c.Kind == FieldKind.Textfield && FormRules.HasLineBreak(value.GetValue<string>()))
                    {
                        Error(path, "must be a single line of text");
                        return false;
                    }

                    return true;
                case FieldKind.Number:
                    if (c.SerializeToString)
                    {
                        if (kind != JsonValueKind.String || (value.GetValue<string>().Length > 0 && !FormRules.TryParseNumber(value.GetValue<string>(), out _)))
                        {
                            Error(path, "must be a number written as text (e.g. \"12.5\")");
                            return false;
                        }

                        return true;
                    }

                    if (kind != JsonValueKind.Number)
                    {
                        Error(path, "must be a number");
                        return false;
                    }

                    if (!FormRules.TryGetDecimal(value, false, out _))
                    {
                        Error(path, "must be a number of at most 28 digits");
                        return false;
                    }

                    return true;
                case FieldKind.Checkbox:
                    if (kind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        Error(path, "must be true or false");
                        return false;
                    }

                    return true;
                case FieldKind.Radio or FieldKind.Select:
                    {
                        var options = Options(c, scope);
                        if (options is null)
                        {
                            return true; // valuesKey without the variables: the options are unknown
                        }

                        if (IndexOf(options, value) < 0)
                        {
                            Error(path, $"must be one of: {FormRules.FormatOptions(options)}");
                            return false;
                        }

                        return true;
                    }

                case FieldKind.Checklist or FieldKind.Taglist:
                    {
                        if (value is not JsonArray array)
                        {
                            Error(path, "must be a list");
                            return false;
                        }

                        var options = Options(c, scope);
                        if (options is null)
                        {
                            return true; // valuesKey without the variables: the options are unknown
                        }

                        var ok = true;
                        var chosen = new HashSet<int>();
                        foreach (var item in array)
                        {
                            var index = IndexOf(options, item);
                            if (index < 0)
                            {
                                Error(path, $"contains {FormRules.Quote(item)}, which is not one of: {FormRules.FormatOptions(options)}");
                                ok = false;
                            }
                            else if (!chosen.Add(index))
                            {
                                Error(path, $"contains {FormRules.Quote(item)} more than once");
                                ok = false;
                            }
                        }

                        return ok;
                    }

                case FieldKind.Datetime:
                    return CheckDatetime(c, path, value);
                default:
                    return true;
            }
        }

        private bool CheckDatetime(FormComponent c, List<object> path, JsonNode value)
        {
            var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
            DateOnly date = default;
            var valid = text is not null && c.Subtype switch
            {
                "time" => FormRules.IsTime(text, c.TimeFormat),
                "datetime" => text.Length > 11 && text[10] == 'T' && FormRules.TryParseDate(text[..10], out date) && FormRules.IsTime(text[11..], c.TimeFormat),
                _ => FormRules.TryParseDate(text, out date),
            };
            if (!valid)
            {
                var what = c.Subtype switch { "time" => "a time", "datetime" => "a date and time", _ => "a date" };
                Error(path, $"must be {what} like {FormRules.Example(c.Subtype, c.TimeFormat)}");
                return false;
            }

            // A day of slack: the browser's "today" is in the user's time zone.
            if (c.DisallowPassedDates && c.Subtype != "time" && date < DateOnly.FromDateTime(_owner._time.GetUtcNow().UtcDateTime).AddDays(-1))
            {
                Error(path, "must not be in the past");
                return false;
            }

            return true;
        }

        private void CheckText(FormComponent c, Scope scope, List<object> path, string text)
        {
            if (c.PatternRegex is not null && !Matches(c.PatternRegex, text, path))
            {
                Error(path, c.PatternErrorMessage is { Length: > 0 } custom ? custom : $"must match the pattern {c.Pattern}");
            }

            var length = FormRules.TrimmedLength(text);
            if (Bound(c.MinLength, "minLength", scope, path) is { } min && length < min)
            {
                Error(path, $"must be at least {FormRules.Format(min)} character{(min == 1 ? "" : "s")}");
            }

            if (Bound(c.MaxLength, "maxLength", scope, path) is { } max && length > max)
            {
                Error(path, $"must be at most {FormRules.Format(max)} character{(max == 1 ? "" : "s")}");
            }

            if (c.ValidationType == "email" && !Matches(FormRules.Email, text, path))
            {
                Error(path, "must be a valid email address");
            }
            else if (c.ValidationType == "phone" && !Matches(FormRules.Phone, text, path))
            {
                Error(path, "must be a valid international phone number (e.g. +4930664040900)");
            }
        }

        private bool Matches(Regex regex, string text, List<object> path)
        {
            try
            {
                return regex.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                Error(path, "could not be checked against its pattern in time");
                return true;
            }
        }

        private void CheckNumber(FormComponent c, Scope scope, List<object> path, JsonNode value)
        {
            if (!FormRules.TryGetDecimal(value, allowString: true, out var number))
            {
                return;
            }

            if (c.DecimalDigits is { } digits && FormRules.CountDecimals(number) > digits)
            {
                Error(path, digits == 0 ? "must be a whole number" : $"must have at most {digits.ToString(CultureInfo.InvariantCulture)} decimal digit{(digits == 1 ? "" : "s")}");
            }

            if (c.Increment is { } step && number % step != 0)
            {
                var previous = number - (number % step);
                Error(path, $"must be a multiple of {FormRules.Format(step)} (the nearest valid values are {FormRules.Format(previous)} and {FormRules.Format(previous + step)})");
            }

            if (Bound(c.Min, "min", scope, path) is { } min && number < min)
            {
                Error(path, $"must be at least {FormRules.Format(min)}");
            }

            if (Bound(c.Max, "max", scope, path) is { } max && number > max)
            {
                Error(path, $"must be at most {FormRules.Format(max)}");
            }
        }

        /// <summary>A validation bound: the constant, or the FEEL value (null means: no bound, as in form-js).</summary>
        private decimal? Bound(RuleValue? rule, string name, Scope scope, List<object> path)
        {
            if (rule is null)
            {
                return null;
            }

            if (rule.Constant is { } constant)
            {
                return constant;
            }

            var result = _owner._feel.Evaluate(rule.Expression!, scope.Expr.Context(Root));
            switch (result.Value)
            {
                case FeelNumber n:
                    return n.Value;
                case FeelNull:
                    return null;
                default:
                    Error(path, $"cannot be checked: the form's {name} (={rule.Expression}) is {FormRules.Quote(result.Value.ToJson())}, not a number");
                    return null;
            }
        }

        private void CheckExpression(FormComponent c, Scope scope, List<object> path, bool found, JsonNode? value)
        {
            if (!found || c.Expression is null)
            {
                return;
            }

            var result = _owner._feel.Evaluate(c.Expression, scope.Expr.Context(Root));
            if (!result.Succeeded || result.Warnings.Count > 0 || result.Value.Kind is FeelValueKind.Date or FeelValueKind.Time or FeelValueKind.DateTime
                or FeelValueKind.DaysTimeDuration or FeelValueKind.YearsMonthsDuration or FeelValueKind.Function or FeelValueKind.Range)
            {
                return; // cannot be compared faithfully with what the browser computed
            }

            var expected = result.Value.ToJson();
            if (!FormRules.JsonEquals(value, expected, tolerant: true))
            {
                Error(path, $"does not match the value the form computes ({FormRules.Format(expected)})");
            }
        }

        /// <summary>The options offered; null when they come from variables that were not given.</summary>
        private IReadOnlyList<JsonNode>? Options(FormComponent c, Scope scope)
        {
            if (c.StaticOptions is not null)
            {
                return c.StaticOptions;
            }

            if (c.ValuesKey is not null)
            {
                if (_variablesJson is null)
                {
                    return null;
                }

                return _variablesJson[c.ValuesKey] is JsonArray fromVariables ? FormRules.NormalizeOptions(fromVariables) : [];
            }

            var result = _owner._feel.Evaluate(c.ValuesExpression!, scope.Expr.Context(Root));
            return result.Value.ToJson() is JsonArray computed ? FormRules.NormalizeOptions(computed) : [];
        }

        private bool MatchesInitial(FormComponent c, List<object> path, JsonNode? value)
        {
            if (TryGet(_variablesJson, path, out var initial) && initial is not null)
            {
                return FormRules.JsonEquals(value, initial) || FormRules.JsonEquals(value, Sanitize(c, initial));
            }

            return value is null
                || FormRules.JsonEquals(value, EmptyValue(c))
                || (c.HasDefaultValue && FormRules.JsonEquals(value, c.DefaultValue));
        }

        private bool IsHidden(FormComponent c, Scope scope) => c.Hide is not null && Condition(c.Hide, scope);

        /// <summary>A form-js condition (evaluated as feelin's unary test): true only when it is true.</summary>
        private bool Condition(string expression, Scope scope)
        {
            var context = scope.Expr.Context(Root);
            var parsed = _owner._feel.Parse(expression, context.Keys);
            if (parsed.Expression is not null)
            {
                return parsed.Expression.Evaluate(context).Value is FeelBoolean { Value: true };
            }

            // Not an expression: feelin's unaryTest also takes unary tests (`> 3`), against a null input.
            var tests = _owner._feel.ParseUnaryTests(expression).Expression;
            return tests is not null && tests.Test(FeelNull.Instance, context).Value is FeelBoolean { Value: true };
        }
    }
}
