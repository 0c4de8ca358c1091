using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>
/// Does a claim type or a member name name a secret? The name is split into words (camelCase, <c>_</c>, <c>-</c>,
/// <c>.</c>, <c>:</c>, <c>/</c>), and matched case-insensitively against the secret terms: <c>password</c>,
/// <c>passwd</c>, <c>passphrase</c>, <c>secret</c>, <c>apikey</c>/<c>api_key</c>, <c>privatekey</c>/<c>private_key</c>,
/// <c>creditcard</c>, <c>cardnumber</c>/<c>card_number</c> (also inside one word), and the whole words <c>pwd</c>,
/// <c>ssn</c>, <c>cvv</c>, <c>cvc</c>.
/// A name is not a secret when a word after the term says it is data about the secret rather than the secret
/// (<c>password_changed_at</c>, <c>pwd_last_set</c>, <c>api_key_id</c>, <c>card_number_last4</c>,
/// <c>PasswordExpiresOn</c>), or a word before it makes it a flag (<c>has_password</c>, <c>must_change_password</c>,
/// <c>IsSecret</c>), or the match is a longer ordinary word (<c>passwordless</c>, <c>secretary</c>).
/// </summary>
internal static class SecretNames
{
    private static readonly (string Term, string Noun)[] LongTerms =
    {
        ("password", "a password"),
        ("passwd", "a password"),
        ("passphrase", "a passphrase"),
        ("secret", "a secret"),
        ("apikey", "an API key"),
        ("privatekey", "a private key"),
        ("creditcard", "a credit card number"),
        ("cardnumber", "a card number"),
    };

    private static readonly (string Term, string Noun)[] WordTerms =
    {
        ("pwd", "a password"),
        ("ssn", "a social security number"),
        ("cvv", "a card security code"),
        ("cvv2", "a card security code"),
        ("cvc", "a card security code"),
    };

    private static readonly string[] OrdinaryWords = { "passwordless", "secretary", "secretariat" };

    /// <summary>Words after the term that make the name metadata about the secret, not the secret.</summary>
    private static readonly HashSet<string> MetadataWords = new(StringComparer.Ordinal)
    {
        "changed", "change", "changes", "updated", "update", "modified", "set", "age", "expires", "expiry", "expiration",
        "expired", "expire", "expiring", "date", "time", "timestamp", "at", "on", "utc", "count", "attempts", "attempt",
        "failures", "policy", "length", "strength", "score", "version", "id", "ids", "name", "hint", "prefix", "suffix",
        "last", "last4", "masked", "mask", "type", "kind", "required", "enabled", "disabled", "status", "state", "exists",
        "present", "configured", "valid", "verified", "rotated", "rotation", "created", "issued", "brand", "issuer",
        "provider", "url", "uri", "format",
    };

    /// <summary>Words before the term that make the name a flag about the secret.</summary>
    private static readonly HashSet<string> FlagPrefixes = new(StringComparer.Ordinal)
    {
        "has", "is", "must", "should", "can", "needs", "need", "require", "requires", "allow", "allows", "no", "without", "force",
    };

    /// <summary>Names already judged (claim types and member names repeat across a project); bounded so a long-lived host does not grow it forever.</summary>
    private static readonly ConcurrentDictionary<string, string> Judged = new(StringComparer.Ordinal);
    private const int MaxJudged = 4096;
    private const string NoSecret = "";

    /// <summary>The kind of secret the name names ("a password"), or null.</summary>
    public static string? Match(string? name)
    {
        if (name is null || name.Length < 3)
        {
            return null;
        }

        if (Judged.TryGetValue(name, out var known))
        {
            return known.Length == 0 ? null : known;
        }

        var noun = Judge(name);
        if (Judged.Count < MaxJudged)
        {
            Judged.TryAdd(name, noun ?? NoSecret);
        }

        return noun;
    }

    private static string? Judge(string name)
    {
        var words = Split(name);
        if (words.Count == 0)
        {
            return null;
        }

        // Whole-word terms.
        for (var i = 0; i < words.Count; i++)
        {
            foreach (var (term, noun) in WordTerms)
            {
                if (string.Equals(words[i], term, StringComparison.Ordinal) && !IsMetadata(words, i, i))
                {
                    return noun;
                }
            }
        }

        // Long terms, inside one word or across adjacent words (api_key, private_key, credit_card, card_number).
        var joined = new StringBuilder();
        var owner = new List<int>();
        for (var i = 0; i < words.Count; i++)
        {
            joined.Append(words[i]);
            for (var c = 0; c < words[i].Length; c++)
            {
                owner.Add(i);
            }
        }

        var text = joined.ToString();
        foreach (var (term, noun) in LongTerms)
        {
            for (var index = text.IndexOf(term, StringComparison.Ordinal); index >= 0; index = text.IndexOf(term, index + 1, StringComparison.Ordinal))
            {
                var first = owner[index];
                var last = owner[index + term.Length - 1];

                // Inside one word ("userpassword", "apikey"), or exactly spanning whole words ("api" + "key").
                if (first != last && (!StartsWord(owner, index) || index + term.Length != WordEnd(owner, last)))
                {
                    continue;
                }

                if (IsOrdinaryWord(words[first]) || IsOrdinaryWord(words[last]))
                {
                    continue;
                }

                if (!IsMetadata(words, first, last))
                {
                    return noun;
                }
            }
        }

        return null;
    }

    private static bool StartsWord(List<int> owner, int index) => index == 0 || owner[index - 1] != owner[index];

    private static int WordEnd(List<int> owner, int word)
    {
        var end = owner.LastIndexOf(word);
        return end + 1;
    }

    private static bool IsOrdinaryWord(string word)
    {
        foreach (var ordinary in OrdinaryWords)
        {
            if (word.IndexOf(ordinary, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMetadata(List<string> words, int first, int last)
    {
        for (var i = last + 1; i < words.Count; i++)
        {
            if (MetadataWords.Contains(words[i]))
            {
                return true;
            }
        }

        for (var i = 0; i < first; i++)
        {
            if (FlagPrefixes.Contains(words[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lower-case words of a name: splits on non-alphanumerics and camelCase/acronym boundaries ("APIKey" = api, key).</summary>
    public static List<string> Split(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(words, current);
                continue;
            }

            if (current.Length > 0)
            {
                var previous = name[i - 1];
                var next = i + 1 < name.Length ? name[i + 1] : '\0';
                var lowerToUpper = char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous));
                var acronymEnd = char.IsUpper(c) && char.IsUpper(previous) && char.IsLower(next);
                var letterAfterDigitWord = char.IsLetter(c) && char.IsDigit(previous) && current.Length > 1 && IsAllDigits(current);
                if (lowerToUpper || acronymEnd || letterAfterDigitWord)
                {
                    Flush(words, current);
                }
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush(words, current);
        return words;
    }

    private static bool IsAllDigits(StringBuilder builder)
    {
        for (var i = 0; i < builder.Length; i++)
        {
            if (!char.IsDigit(builder[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static void Flush(List<string> words, StringBuilder current)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }
}
