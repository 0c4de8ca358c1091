using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Stateless.Analyzers.Baseline;

/// <summary>
/// Reads <c>stateless.baseline.json</c> (written by <c>stateless-scan --write-baseline</c>):
/// <c>{ "version": 1, "findings": [ { "rule", "file", "member", "fingerprint", "count" }, ... ] }</c>.
/// A small reader of its own, since an analyzer carries no JSON library; anything it does not understand makes the
/// baseline empty (nothing suppressed), never an exception.
/// </summary>
internal static class BaselineFile
{
    public const string FileName = "stateless.baseline.json";

    public static IReadOnlyList<BaselineEntry> Parse(string json)
    {
        try
        {
            var reader = new Reader(json);
            var root = reader.ReadValue() as Dictionary<string, object?>;
            if (root is null || !root.TryGetValue("findings", out var findings) || findings is not List<object?> list)
            {
                return Array.Empty<BaselineEntry>();
            }

            var entries = new List<BaselineEntry>(list.Count);
            foreach (var item in list)
            {
                if (item is Dictionary<string, object?> o
                    && o.TryGetValue("rule", out var rule) && rule is string ruleText
                    && o.TryGetValue("file", out var file) && file is string fileText
                    && o.TryGetValue("fingerprint", out var fingerprint) && fingerprint is string fingerprintText)
                {
                    var member = o.TryGetValue("member", out var m) && m is string memberText ? memberText : string.Empty;
                    var count = o.TryGetValue("count", out var c) && c is double number && number >= 1 ? (int)number : 1;
                    entries.Add(new BaselineEntry(ruleText, fileText, member, fingerprintText, count));
                }
            }

            return entries;
        }
        catch (FormatException)
        {
            return Array.Empty<BaselineEntry>();
        }
    }

    private sealed class Reader
    {
        private readonly string _text;
        private int _position;

        public Reader(string text) => _text = text;

        public object? ReadValue()
        {
            SkipWhitespace();
            if (_position >= _text.Length)
            {
                throw new FormatException("unexpected end");
            }

            switch (_text[_position])
            {
                case '{':
                    return ReadObject();
                case '[':
                    return ReadArray();
                case '"':
                    return ReadString();
                case 't':
                    Expect("true");
                    return true;
                case 'f':
                    Expect("false");
                    return false;
                case 'n':
                    Expect("null");
                    return null;
                default:
                    return ReadNumber();
            }
        }

        private Dictionary<string, object?> ReadObject()
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            _position++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                _position++;
                return result;
            }

            while (true)
            {
                SkipWhitespace();
                var key = ReadString();
                SkipWhitespace();
                Expect(":");
                result[key] = ReadValue();
                SkipWhitespace();
                var next = Next();
                if (next == '}')
                {
                    return result;
                }

                if (next != ',')
                {
                    throw new FormatException("expected , or }");
                }
            }
        }

        private List<object?> ReadArray()
        {
            var result = new List<object?>();
            _position++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                _position++;
                return result;
            }

            while (true)
            {
                result.Add(ReadValue());
                SkipWhitespace();
                var next = Next();
                if (next == ']')
                {
                    return result;
                }

                if (next != ',')
                {
                    throw new FormatException("expected , or ]");
                }
            }
        }

        private string ReadString()
        {
            if (Next() != '"')
            {
                throw new FormatException("expected a string");
            }

            var builder = new StringBuilder();
            while (true)
            {
                var c = Next();
                if (c == '"')
                {
                    return builder.ToString();
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                var escape = Next();
                switch (escape)
                {
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'u':
                        if (_position + 4 > _text.Length
                            || !int.TryParse(_text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        {
                            throw new FormatException("bad \\u escape");
                        }

                        builder.Append((char)code);
                        _position += 4;
                        break;
                    default: builder.Append(escape); break;
                }
            }
        }

        private double ReadNumber()
        {
            var start = _position;
            while (_position < _text.Length && "+-0123456789.eE".IndexOf(_text[_position]) >= 0)
            {
                _position++;
            }

            if (!double.TryParse(_text.Substring(start, _position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException("expected a value");
            }

            return value;
        }

        private void Expect(string literal)
        {
            if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
            {
                throw new FormatException("expected " + literal);
            }

            _position += literal.Length;
        }

        private char Peek() => _position < _text.Length ? _text[_position] : '\0';

        private char Next() => _position < _text.Length ? _text[_position++] : throw new FormatException("unexpected end");

        private void SkipWhitespace()
        {
            while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
            {
                _position++;
            }
        }
    }
}
