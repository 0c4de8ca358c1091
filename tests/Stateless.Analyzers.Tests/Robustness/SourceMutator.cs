using System;
using System.Collections.Generic;

namespace Stateless.Analyzers.Tests.Robustness;

/// <summary>Breaks a source the way typing does: cut short, spans deleted, lines duplicated or swapped.</summary>
internal static class SourceMutator
{
    public static IEnumerable<(string Kind, string Source)> Mutate(string source, Random random, int count)
    {
        if (source.Length == 0)
        {
            yield break;
        }

        // The file cut at evenly spaced points: what the IDE sees while a file is typed top to bottom.
        const int cuts = 6;
        for (var i = 1; i <= cuts; i++)
        {
            yield return ("cut", source[..(source.Length * i / (cuts + 1))]);
        }

        var lines = source.Split('\n');
        for (var i = 0; i < count; i++)
        {
            switch (random.Next(5))
            {
                case 0:
                    yield return ("cut", source[..random.Next(source.Length)]);
                    break;
                case 1:
                    {
                        var start = random.Next(source.Length);
                        var length = Math.Min(source.Length - start, 1 + random.Next(40));
                        yield return ("delete-span", source.Remove(start, length));
                        break;
                    }

                case 2:
                    {
                        var copy = new List<string>(lines);
                        var line = random.Next(copy.Count);
                        copy.Insert(line, copy[line]);
                        yield return ("duplicate-line", string.Join('\n', copy));
                        break;
                    }

                case 3:
                    {
                        var copy = (string[])lines.Clone();
                        var a = random.Next(copy.Length);
                        var b = random.Next(copy.Length);
                        (copy[a], copy[b]) = (copy[b], copy[a]);
                        yield return ("swap-lines", string.Join('\n', copy));
                        break;
                    }

                default:
                    {
                        // Delete one structural character: an unbalanced brace, parenthesis or semicolon.
                        var positions = new List<int>();
                        for (var p = 0; p < source.Length; p++)
                        {
                            if (source[p] is '{' or '}' or '(' or ')' or ';' or '=' or ',' or '<' or '>')
                            {
                                positions.Add(p);
                            }
                        }

                        if (positions.Count > 0)
                        {
                            yield return ("delete-char", source.Remove(positions[random.Next(positions.Count)], 1));
                        }

                        break;
                    }
            }
        }
    }
}
