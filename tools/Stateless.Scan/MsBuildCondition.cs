namespace Stateless.Scan;

/// <summary>
/// Evaluates the MSBuild conditions a project's properties and items commonly carry, such as
/// <c>'$(IsTestProject)' == '' and $(MSBuildProjectName.EndsWith('.Test'))</c>: quoted strings with <c>$(Name)</c>,
/// <c>==</c> and <c>!=</c> (ignoring case, as MSBuild does), <c>and</c>, <c>or</c>, <c>!</c>, parentheses,
/// <c>true</c>/<c>false</c>, and the string functions <c>EndsWith</c>, <c>StartsWith</c> and <c>Contains</c> on a
/// property. Anything else (<c>Exists(…)</c>, other property functions, comparisons of numbers) cannot be told
/// without MSBuild: the answer is null and the caller decides.
/// </summary>
internal sealed class MsBuildCondition
{
    private readonly string _text;
    private readonly Func<string, string> _property;
    private int _at;

    private MsBuildCondition(string text, Func<string, string> property)
    {
        _text = text;
        _property = property;
    }

    /// <summary>True or false when the condition can be evaluated, null when it cannot.</summary>
    public static bool? Evaluate(string? condition, Func<string, string> property)
    {
        if (string.IsNullOrWhiteSpace(condition))
        {
            return true;
        }

        var parser = new MsBuildCondition(condition, property);
        var value = parser.Or();
        parser.SkipSpaces();
        return parser._at == parser._text.Length ? value : null;
    }

    private bool? Or() => Chain("or", And, dominant: true);

    private bool? And() => Chain("and", Unary, dominant: false);

    /// <summary>
    /// Operands joined by <paramref name="keyword"/>: one operand equal to <paramref name="dominant"/> decides (true for
    /// <c>or</c>, false for <c>and</c>); otherwise an unknown operand makes the answer unknown.
    /// </summary>
    private bool? Chain(string keyword, Func<bool?> operand, bool dominant)
    {
        var left = operand();
        while (Keyword(keyword))
        {
            var right = operand();
            left = left == dominant || right == dominant ? dominant : left is null || right is null ? null : !dominant;
        }

        return left;
    }

    private bool? Unary()
    {
        SkipSpaces();
        if (Peek('!') && !Peek("!="))
        {
            _at++;
            return !Unary();
        }

        if (Peek('('))
        {
            _at++;
            var inner = Or();
            SkipSpaces();
            if (!Peek(')'))
            {
                return Fail();
            }

            _at++;
            return inner;
        }

        var left = Operand();
        SkipSpaces();
        foreach (var (symbol, equal) in new[] { ("==", true), ("!=", false) })
        {
            if (Peek(symbol))
            {
                _at += symbol.Length;
                var right = Operand();
                return left is null || right is null ? null : string.Equals(left, right, StringComparison.OrdinalIgnoreCase) == equal;
            }
        }

        return left is null ? null
            : string.Equals(left, "true", StringComparison.OrdinalIgnoreCase) ? true
            : string.Equals(left, "false", StringComparison.OrdinalIgnoreCase) ? false
            : null;
    }

    /// <summary>A quoted string (with its properties expanded), a property or property function, or a bare word.</summary>
    private string? Operand()
    {
        SkipSpaces();
        if (Peek('\''))
        {
            var end = _text.IndexOf('\'', _at + 1);
            if (end < 0)
            {
                Fail();
                return null;
            }

            var quoted = _text.Substring(_at + 1, end - _at - 1);
            _at = end + 1;
            return Expand(quoted);
        }

        if (Peek("$("))
        {
            var end = ClosingParenthesis(_at + 1);
            if (end < 0)
            {
                Fail();
                return null;
            }

            var expression = _text.Substring(_at + 2, end - _at - 2);
            _at = end + 1;
            return Property(expression);
        }

        var start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] is '_' or '.' or '-'))
        {
            _at++;
        }

        if (_at == start || Peek('('))
        {
            // A function such as Exists('…') or HasTrailingSlash('…'): not evaluated here.
            Fail();
            return null;
        }

        return _text.Substring(start, _at - start);
    }

    /// <summary><c>Name</c> or <c>Name.EndsWith('x')</c> (also StartsWith, Contains); null for any other function.</summary>
    private string? Property(string expression)
    {
        var dot = expression.IndexOf('.', StringComparison.Ordinal);
        var name = (dot < 0 ? expression : expression.Substring(0, dot)).Trim();
        if (name.Length == 0 || !name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-'))
        {
            return null; // $([MSBuild]::…), $([System.String]::…): not evaluated here
        }

        if (dot < 0)
        {
            return _property(name);
        }

        var value = _property(name);
        var call = expression.Substring(dot + 1).Trim();
        var open = call.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || !call.EndsWith(')') || call.Length - open < 4 || call[open + 1] != '\'' || call[^2] != '\'')
        {
            return null;
        }

        var argument = call.Substring(open + 2, call.Length - open - 4);
        bool? result = call.Substring(0, open).Trim() switch
        {
            "EndsWith" => value.EndsWith(argument, StringComparison.Ordinal),
            "StartsWith" => value.StartsWith(argument, StringComparison.Ordinal),
            "Contains" => value.Contains(argument, StringComparison.Ordinal),
            _ => null,
        };
        return result is { } known ? (known ? "true" : "false") : null;
    }

    private string? Expand(string quoted)
    {
        var result = new System.Text.StringBuilder();
        for (var i = 0; i < quoted.Length; i++)
        {
            if (quoted[i] == '$' && i + 1 < quoted.Length && quoted[i + 1] == '(')
            {
                var end = Closing(quoted, i + 1);
                if (end < 0 || Property(quoted.Substring(i + 2, end - i - 2)) is not { } value)
                {
                    return null;
                }

                result.Append(value);
                i = end;
            }
            else
            {
                result.Append(quoted[i]);
            }
        }

        return result.ToString();
    }

    private int ClosingParenthesis(int open) => Closing(_text, open);

    /// <summary>The index of the parenthesis closing the one at <paramref name="open"/> (quotes respected), or -1.</summary>
    private static int Closing(string text, int open)
    {
        var depth = 0;
        var quoted = false;
        for (var i = open; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\'':
                    quoted = !quoted;
                    break;
                case '(' when !quoted:
                    depth++;
                    break;
                case ')' when !quoted:
                    if (--depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return -1;
    }

    private bool Keyword(string word)
    {
        SkipSpaces();
        if (_at + word.Length <= _text.Length
            && string.Compare(_text, _at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
            && (_at + word.Length == _text.Length || !char.IsLetterOrDigit(_text[_at + word.Length])))
        {
            _at += word.Length;
            return true;
        }

        return false;
    }

    private bool Peek(char c) => _at < _text.Length && _text[_at] == c;

    private bool Peek(string s) => _at + s.Length <= _text.Length && string.CompareOrdinal(_text, _at, s, 0, s.Length) == 0;

    private void SkipSpaces()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }
    }

    /// <summary>Stops the parse: the rest of the text is left unread, so <see cref="Evaluate"/> answers null.</summary>
    private bool? Fail()
    {
        _at = _text.Length + 1;
        return null;
    }
}
