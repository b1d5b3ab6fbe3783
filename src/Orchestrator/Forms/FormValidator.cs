using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.Feel;

namespace Orchestrator.Forms;

/// <summary>
/// Re-validates a form submission on the server with the rules the form-js viewer applies in the
/// browser, and rejects anything the form cannot produce. Thread-safe; one instance is enough.
/// </summary>
/// <remarks>
/// What is checked, per field instance (dynamic lists: per item): hidden fields
/// (<c>conditional.hide</c>, FEEL) and disabled fields must not carry a value; read-only fields
/// must carry their initial value; value types per field type; <c>required</c>,
/// <c>minLength</c>/<c>maxLength</c>, <c>min</c>/<c>max</c> (constants or FEEL), <c>pattern</c>,
/// <c>validationType</c> email/phone, number <c>decimalDigits</c>/<c>increment</c>, options of
/// radio/select/checklist/taglist (static, <c>valuesKey</c>, <c>valuesExpression</c>), datetime
/// formats, expression fields' computed values; and keys the form does not bind are rejected.
/// See <c>src/Orchestrator/Forms/README.md</c> for the decisions and what is not supported.
/// </remarks>
public sealed class FormValidator
{
    /// <summary>At most this many errors are reported for one submission.</summary>
    public const int MaxErrors = 200;

    private readonly FeelEngine _feel;
    private readonly TimeProvider _time;

    /// <summary>Creates a validator.</summary>
    /// <param name="feel">The FEEL engine for conditions, FEEL validation bounds, option and expression fields; a new one when null.</param>
    /// <param name="timeProvider">The clock for <c>disallowPassedDates</c>; the system clock when null.</param>
    public FormValidator(FeelEngine? feel = null, TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _feel = feel ?? new FeelEngine(timeProvider: _time);
    }

    /// <summary>Validates a submission against a form.</summary>
    /// <param name="schema">The form.</param>
    /// <param name="data">The submitted data, as the form-js viewer's <c>submit()</c> returns it.</param>
    /// <param name="variables">
    /// The data the form was opened with (the task's variables): the context of FEEL conditions and
    /// expressions, the source of <c>valuesKey</c> options and of read-only fields' values. Null when
    /// unknown: then read-only values, <c>valuesKey</c> options and the item count of fixed dynamic
    /// lists are not checked (pass <see cref="FeelContext.Empty"/> for "opened with no data").
    /// </param>
    /// <returns>The errors, in form order, then unknown keys; empty when the submission is valid.</returns>
    public IReadOnlyList<FormFieldError> Validate(FormSchema schema, JsonObject data, FeelContext? variables = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(data);
        return new Run(this, schema, data, variables).Execute();
    }

    /// <summary>The state of one validation.</summary>
    private sealed class Run
    {
        private readonly FormValidator _owner;
        private readonly FormSchema _schema;
        private readonly JsonObject _data;
        private readonly FeelContext? _variables;
        private readonly JsonObject? _variablesJson;
        private readonly List<FormFieldError> _errors = [];
        private readonly HashSet<FormFieldError> _seen = [];
        private FeelContext? _root;
        private bool _truncated;

        public Run(FormValidator owner, FormSchema schema, JsonObject data, FeelContext? variables)
        {
            _owner = owner;
            _schema = schema;
            _data = data;
            _variables = variables;
            _variablesJson = variables?.ToJson() as JsonObject;
        }

        /// <summary>The root data of FEEL evaluation: the variables, overridden by the submission.</summary>
        private FeelContext Root => _root ??= BuildRoot();

        public List<FormFieldError> Execute()
        {
            var scope = new Scope([], new ExprScope(() => Root, FeelNull.Instance, []));
            Walk(_schema.Form.Components, scope, hidden: false);
            CheckKeys(_data, _schema.Bindings, []);
            if (_truncated)
            {
                _errors.Add(new FormFieldError("(form)", $"has more errors; only the first {MaxErrors.ToString(CultureInfo.InvariantCulture)} are shown"));
            }

            return _errors;
        }

        private FeelContext BuildRoot()
        {
            var entries = new List<KeyValuePair<string, FeelValue>>();
            if (_variables is not null)
            {
                entries.AddRange(_variables.Entries);
            }

            // Only what the form can produce: an unknown key (rejected anyway) must not steer a condition or a bound.
            foreach (var (k, v) in _data)
            {
                if (_schema.Bindings.Children.ContainsKey(k))
                {
                    entries.Add(new(k, FeelValue.FromJson(v)));
                }
            }

            return FeelContext.Create(entries);
        }

        private void Error(IReadOnlyList<object> path, string message)
        {
            if (_errors.Count >= MaxErrors)
            {
                _truncated = true;
                return;
            }

            var error = new FormFieldError(FormatPath(path), message);
            if (_seen.Add(error))
            {
                _errors.Add(error);
            }
        }

        private void Walk(IReadOnlyList<FormComponent> components, Scope scope, bool hidden)
        {
            foreach (var c in components)
            {
                var isHidden = hidden || IsHidden(c, scope);
                switch (c.Kind)
                {
                    case FieldKind.Display or FieldKind.Form:
                        break;
                    case FieldKind.Group:
                        Walk(c.Components, scope with { BasePath = Append(scope.BasePath, c.PathSegments) }, isHidden);
                        break;
                    case FieldKind.DynamicList when !c.IsRepeating:
                        Walk(c.Components, scope with { BasePath = Append(scope.BasePath, c.PathSegments) }, isHidden);
                        break;
                    case FieldKind.DynamicList:
                        WalkList(c, scope, isHidden);
                        break;
                    default:
                        ValidateField(c, scope, isHidden);
                        break;
                }
            }
        }

        private void WalkList(FormComponent list, Scope scope, bool hidden)
        {
            var path = Append(scope.BasePath, list.PathSegments);
            var found = TryGet(_data, path, out var value);
            if (hidden)
            {
                if (found && value is not null)
                {
                    Error(path, "must not be submitted: the list is hidden");
                }

                return;
            }

            var items = value as JsonArray;
            if (found && value is not null && items is null)
            {
                return; // CheckKeys reports "must be a list"
            }

            var count = items?.Count ?? 0;
            if (!list.AllowAddRemove && found && _variables is not null)
            {
                var expected = TryGet(_variablesJson, path, out var initial) && initial is JsonArray initialItems
                    ? initialItems.Count
                    : list.DefaultRepetitions;
                if (count != expected)
                {
                    Error(path, $"must have exactly {expected.ToString(CultureInfo.InvariantCulture)} item{(expected == 1 ? "" : "s")} (the form cannot add or remove items)");
                }
            }

            for (var i = 0; i < count; i++)
            {
                if (items![i] is not JsonObject item)
                {
                    continue; // CheckKeys reports "must be an object"
                }

                var itemPath = new List<object>(path) { i };
                var parent = scope.Expr;
                var expr = new ExprScope(() => FeelValue.FromJson(item), parent.AsParent(), [.. parent.Indexes, i + 1]);
                Walk(list.Components, new Scope(itemPath, expr), hidden: false);
            }
        }

        private void ValidateField(FormComponent c, Scope scope, bool hidden)
        {
            var path = Append(scope.BasePath, c.KeySegments);
            var found = TryGet(_data, path, out var value);
            if (hidden || c.Disabled)
            {
                if (found && value is not null)
                {
                    Error(path, hidden ? "must not be submitted: the field is hidden" : "must not be submitted: the field is disabled");
                }

                return;
            }

            var isReadonly = c.Readonly || (c.ReadonlyExpression is not null && Condition(c.ReadonlyExpression, scope));
            if (isReadonly && found && _variables is not null && !MatchesInitial(c, path, value))
            {
                Error(path, "is read-only and cannot be changed");
                return;
            }

            if (c.Kind == FieldKind.Expression)
            {
                CheckExpression(c, scope, path, found, value);
                return;
            }

            if (value is not null && !CheckType(c, scope, path, value))
            {
                return;
            }

            if (IsEmpty(c, value))
            {
                if (c.Required)
                {
                    Error(path, c.Kind == FieldKind.Checkbox ? "must be checked" : "is required");
                }

                return;
            }

            switch (c.Kind)
            {
                case FieldKind.Textfield or FieldKind.Textarea:
                    CheckText(c, scope, path, value!.GetValue<string>());
                    break;
                case FieldKind.Number:
                    CheckNumber(c, scope, path, value!);
                    break;
            }
        }

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

        /// <summary>Rejects keys the form does not bind, and containers of the wrong shape.</summary>
        private void CheckKeys(JsonObject obj, BindingNode node, List<object> path)
        {
            foreach (var (key, value) in obj)
            {
                var p = new List<object>(path) { key };
                if (!node.Children.TryGetValue(key, out var child))
                {
                    Error(p, "is not a field of this form");
                    continue;
                }

                if (child.Field is not null || value is null)
                {
                    continue;
                }

                if (child.Item is not null)
                {
                    if (value is not JsonArray items)
                    {
                        Error(p, "must be a list");
                        continue;
                    }

                    for (var i = 0; i < items.Count; i++)
                    {
                        var itemPath = new List<object>(p) { i };
                        if (items[i] is JsonObject item)
                        {
                            CheckKeys(item, child.Item, itemPath);
                        }
                        else
                        {
                            Error(itemPath, "must be an object");
                        }
                    }
                }
                else if (value is JsonObject inner)
                {
                    CheckKeys(inner, child, p);
                }
                else
                {
                    Error(p, "must be an object");
                }
            }
        }

        private static int IndexOf(IReadOnlyList<JsonNode> options, JsonNode? value)
        {
            for (var i = 0; i < options.Count; i++)
            {
                if (FormRules.JsonEquals(options[i], value))
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool IsEmpty(FormComponent c, JsonNode? value) => value switch
        {
            null => true,
            JsonArray a => a.Count == 0,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length == 0,
            JsonValue v when v.GetValueKind() == JsonValueKind.False => c.Kind == FieldKind.Checkbox,
            _ => false,
        };

        /// <summary>form-js's <c>emptyValue</c> per field type.</summary>
        private static JsonNode? EmptyValue(FormComponent c) => c.Kind switch
        {
            FieldKind.Textfield or FieldKind.Textarea => JsonValue.Create(""),
            FieldKind.Checkbox => JsonValue.Create(false),
            FieldKind.Checklist or FieldKind.Taglist => new JsonArray(),
            _ => null,
        };

        /// <summary>form-js's <c>sanitizeValue</c> of initial data, for the common types.</summary>
        private static JsonNode? Sanitize(FormComponent c, JsonNode initial)
        {
            switch (c.Kind)
            {
                case FieldKind.Textfield or FieldKind.Textarea:
                    if (initial is JsonObject or JsonArray)
                    {
                        return JsonValue.Create("");
                    }

                    var text = initial.GetValueKind() == JsonValueKind.String ? initial.GetValue<string>() : initial.ToJsonString();
                    return JsonValue.Create(c.Kind == FieldKind.Textfield ? text.Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ') : text);
                case FieldKind.Checkbox:
                    return JsonValue.Create(initial.GetValueKind() == JsonValueKind.True);
                case FieldKind.Number:
                    if (!FormRules.TryGetDecimal(initial, allowString: true, out var n))
                    {
                        return null;
                    }

                    return c.SerializeToString ? JsonValue.Create(FormRules.Format(n)) : JsonValue.Create(n);
                default:
                    return initial;
            }
        }

        private static List<object> Append(IReadOnlyList<object> basePath, string[] segments)
        {
            var path = new List<object>(basePath.Count + segments.Length);
            path.AddRange(basePath);
            path.AddRange(segments);
            return path;
        }

        private static bool TryGet(JsonNode? root, IReadOnlyList<object> path, out JsonNode? value)
        {
            value = root;
            foreach (var segment in path)
            {
                switch (segment)
                {
                    case string key when value is JsonObject o && o.TryGetPropertyValue(key, out var next):
                        value = next;
                        break;
                    case int index when value is JsonArray a && index < a.Count:
                        value = a[index];
                        break;
                    default:
                        value = null;
                        return false;
                }
            }

            return root is not null;
        }

        private static string FormatPath(IReadOnlyList<object> path)
        {
            var sb = new System.Text.StringBuilder();
            foreach (var segment in path)
            {
                if (segment is int i)
                {
                    sb.Append('[').Append(i.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
                else
                {
                    if (sb.Length > 0)
                    {
                        sb.Append('.');
                    }

                    sb.Append((string)segment);
                }
            }

            return sb.ToString();
        }
    }

    /// <summary>Where a component's values live: the data path of its parent.</summary>
    private sealed record Scope(IReadOnlyList<object> BasePath, ExprScope Expr);

    /// <summary>
    /// form-js's local expression context: <c>this</c> (the current dynamic-list item, or the whole
    /// data), <c>parent</c>, <c>i</c> (1-based item indexes), the form data's top-level entries,
    /// and the same three again as <c>_this_</c>, <c>_parent_</c>, <c>_i_</c>. Built lazily.
    /// </summary>
    private sealed class ExprScope(Func<FeelValue> thisValue, FeelValue parent, int[] indexes)
    {
        private FeelValue? _this;
        private FeelContext? _context;

        public int[] Indexes { get; } = indexes;

        private FeelValue This => _this ??= thisValue();

        private FeelList IndexList => new(Indexes.Select(i => (FeelValue)FeelValue.From(i)));

        /// <summary>The context of an expression of a field in this scope.</summary>
        public FeelContext Context(FeelContext root) => _context ??= Build(root);

        /// <summary>What a nested list item sees as <c>parent</c>: this scope with <c>this</c> as its data.</summary>
        public FeelContext AsParent() => Build(This as FeelContext ?? FeelContext.Empty);

        private FeelContext Build(FeelContext data)
        {
            var index = IndexList;
            var entries = new List<KeyValuePair<string, FeelValue>>(data.Count + 6)
            {
                new("this", This),
                new("parent", parent),
                new("i", index),
            };
            entries.AddRange(data.Entries);
            entries.Add(new("_this_", This));
            entries.Add(new("_parent_", parent));
            entries.Add(new("_i_", index));
            return FeelContext.Create(entries);
        }
    }
}
