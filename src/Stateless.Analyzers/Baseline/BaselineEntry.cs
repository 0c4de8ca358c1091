namespace Stateless.Analyzers.Baseline;

/// <summary>One line of <c>stateless.baseline.json</c>: <see cref="Count"/> findings of a rule with the same key in a file.</summary>
internal sealed class BaselineEntry
{
    public BaselineEntry(string rule, string file, string member, string fingerprint, int count)
    {
        Rule = rule;
        File = file;
        Member = member;
        Fingerprint = fingerprint;
        Count = count;
    }

    public string Rule { get; }

    /// <summary>Path relative to the folder of the baseline file, with forward slashes.</summary>
    public string File { get; }

    public string Member { get; }

    public string Fingerprint { get; }

    public int Count { get; }

    public string Key => Rule + "|" + File + "|" + Member + "|" + Fingerprint;
}
