using Microsoft.CodeAnalysis;

namespace Stateless.Analyzers.ProcessState;

/// <summary>STL1003's record of the writes it saw: what each write site says, and what a member's writes add up to.</summary>
public sealed partial class SingletonStateAnalyzer
{
    private enum WriteFacts
    {
        Memo,
        Registry,

        /// <summary>An eviction or write-through (<see cref="CacheAside.KeepsInStepWithStore"/>): a store unless a miss refills the member.</summary>
        InStep,
        Store,
    }

    /// <summary>What the writes at one site say: their kind, the request identity they carry, whether they only set a flag to true.</summary>
    private sealed class SiteFacts
    {
        public SiteFacts(WriteFacts kind, string? identity, bool setsTrue = false)
        {
            Kind = kind;
            Identity = identity;
            SetsTrue = setsTrue;
        }

        public WriteFacts Kind { get; }

        public string? Identity { get; }

        /// <summary>Every write here sets the member to <c>true</c>: with no other write, a flag that latches once (<c>_initialized = true</c>).</summary>
        public bool SetsTrue { get; }

        /// <summary>What two writes at one site say together: the stronger kind, the identity first in ordinal order.</summary>
        public SiteFacts Merge(SiteFacts other)
        {
            // The identity the message names must not depend on which write a thread recorded first.
            var identity = Identity is null ? other.Identity
                : other.Identity is null ? Identity
                : string.CompareOrdinal(Identity, other.Identity) <= 0 ? Identity : other.Identity;
            return new SiteFacts(Kind > other.Kind ? Kind : other.Kind, identity, SetsTrue && other.SetsTrue);
        }
    }

    private enum WriteKind
    {
        Mutation,
        Assignment,
        Headers,
    }

    /// <summary>What is known about one member's writes; the message text is built only for members that are reported.</summary>
    private sealed class Finding
    {
        public Finding(ITypeSymbol type, WriteKind kind, string? identity, bool isStore)
        {
            Type = type;
            Kind = kind;
            Identity = identity;
            IsStore = isStore;
        }

        /// <summary>False while every write seen is memoisation (<c>GetOrAdd</c>).</summary>
        public bool IsStore { get; }

        /// <summary>The member's type as written (the message names it).</summary>
        public ITypeSymbol Type { get; }

        /// <summary>How the member is written: its collection changed, the member reassigned, or an HttpClient's default headers set.</summary>
        public WriteKind Kind { get; }

        public string? Identity { get; }

        public string Describe()
        {
            var display = Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            return Kind switch
            {
                WriteKind.Mutation => "a mutable " + display + " changed after construction",
                WriteKind.Headers => "per-call default request headers on the shared " + display,
                _ => "state of type " + display + " assigned after construction",
            };
        }
    }
}
