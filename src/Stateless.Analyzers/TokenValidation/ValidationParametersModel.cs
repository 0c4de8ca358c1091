using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>One property of <c>TokenValidationParameters</c> set in an object initializer or by a later assignment.</summary>
internal sealed class ParametersSetting
{
    public ParametersSetting(IPropertySymbol property, ISimpleAssignmentOperation assignment, bool inInitializer)
    {
        Property = property;
        Assignment = assignment;
        InInitializer = inInitializer;
    }

    public IPropertySymbol Property { get; }

    public string Name => Property.Name;

    public ISimpleAssignmentOperation Assignment { get; }

    public IOperation Value => Assignment.Value;

    public bool InInitializer { get; }

    public int Position => Assignment.Syntax.SpanStart;
}

/// <summary>
/// One <c>TokenValidationParameters</c> configuration inside a method or lambda: the objects created for it, the
/// locals, fields and properties that hold it (merged when one is assigned to another), and every setting made
/// through any of them.
/// </summary>
internal sealed class ParametersConfiguration
{
    private readonly List<ParametersSetting> _settings = new();
    private readonly List<IObjectCreationOperation> _creations = new();

    /// <summary>The objects created in this method that the configuration holds.</summary>
    public IReadOnlyList<IObjectCreationOperation> Creations => _creations;

    public IReadOnlyList<ParametersSetting> Settings => _settings;

    /// <summary>
    /// The first setting of <c>options.TokenValidationParameters.X = …</c> on a <c>JwtBearerOptions</c>, when the
    /// options' own default parameters object is configured in place (no object of this method replaces it).
    /// </summary>
    public ParametersSetting? InPlaceAnchor { get; internal set; }

    /// <summary>True when one of its holders is also assigned a parameters object built elsewhere (a helper's result).</summary>
    public bool HasForeignSource { get; internal set; }

    internal bool IsInPlace { get; set; }

    internal void Add(ParametersSetting setting) => _settings.Add(setting);

    internal void Add(IObjectCreationOperation creation) => _creations.Add(creation);

    /// <summary>True when the configuration sets the property anywhere.</summary>
    public bool Sets(string name)
    {
        foreach (var setting in _settings)
        {
            if (setting.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Settings of that property.</summary>
    public IEnumerable<ParametersSetting> SettingsOf(string name)
    {
        foreach (var setting in _settings)
        {
            if (setting.Name == name)
            {
                yield return setting;
            }
        }
    }

    /// <summary>True when the same property is set again later in the same method, so this value does not last.</summary>
    public bool IsOverridden(ParametersSetting setting)
    {
        foreach (var other in _settings)
        {
            if (other != setting && other.Name == setting.Name
                && other.Assignment.Syntax.SyntaxTree == setting.Assignment.Syntax.SyntaxTree
                && other.Position > setting.Position)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Builds the <see cref="ParametersConfiguration"/>s of one operation block: object initializers, target-typed
/// <c>new()</c>, later assignments to the same local, parameter, field or property, aliases
/// (<c>var p = options.TokenValidationParameters;</c>), and the in-place form inside <c>AddJwtBearer</c>,
/// <c>Configure&lt;JwtBearerOptions&gt;</c> and <c>PostConfigure</c> lambdas.
/// </summary>
internal static class ValidationParametersModel
{
    public static ImmutableArray<ParametersConfiguration> Build(ImmutableArray<IOperation> blocks, TokenValidationTypes types)
    {
        var builder = new Builder(types);
        foreach (var block in blocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                builder.Visit(operation);
            }
        }

        return builder.Build();
    }

    private sealed class Builder
    {
        private readonly TokenValidationTypes _types;
        private readonly Dictionary<string, string> _parent = new(System.StringComparer.Ordinal);
        private readonly List<(IObjectCreationOperation Creation, string? Holder)> _creations = new();
        private readonly List<(ParametersSetting Setting, string? Holder, IObjectCreationOperation? Creation)> _settings = new();
        private readonly HashSet<string> _inPlace = new(System.StringComparer.Ordinal);
        private readonly HashSet<string> _foreign = new(System.StringComparer.Ordinal);

        public Builder(TokenValidationTypes types)
        {
            _types = types;
        }

        public void Visit(IOperation operation)
        {
            switch (operation)
            {
                case IObjectCreationOperation creation when _types.IsParameters(creation.Type):
                    VisitCreation(creation);
                    break;
                case ISimpleAssignmentOperation assignment:
                    VisitAssignment(assignment);
                    break;
                case IVariableDeclaratorOperation declarator when _types.IsParameters(declarator.Symbol.Type) && declarator.GetVariableInitializer() is { } initializer:
                    Store(HolderKeys.OfLocal(declarator.Symbol), initializer.Value);
                    break;
            }
        }

        private void VisitCreation(IObjectCreationOperation creation)
        {
            _creations.Add((creation, HolderOfValue(creation)));
            if (creation.Initializer is null)
            {
                return;
            }

            foreach (var initializer in creation.Initializer.Initializers)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment && _types.IsParametersProperty(property.Property))
                {
                    _settings.Add((new ParametersSetting(property.Property, assignment, inInitializer: true), null, creation));
                }
            }
        }

        private void VisitAssignment(ISimpleAssignmentOperation assignment)
        {
            if (assignment.Target is IPropertyReferenceOperation { Instance: { } instance } property
                && instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                && _types.IsParametersProperty(property.Property))
            {
                var holder = Key(instance);
                _settings.Add((new ParametersSetting(property.Property, assignment, inInitializer: false), holder, null));
            }

            if (_types.IsParameters(assignment.Target.Type) && Key(assignment.Target) is { } target)
            {
                Store(target, assignment.Value);
            }
        }

        /// <summary>A holder receives a value: a creation (recorded by the creation itself), another holder (an alias), or a foreign object.</summary>
        private void Store(string target, IOperation value)
        {
            value = value.WithoutImplicitConversions()!;
            Find(target);
            if (value is IObjectCreationOperation || value.ConstantValue is { HasValue: true, Value: null })
            {
                return;
            }

            if (Key(value) is { } source)
            {
                Union(target, source);

                // Parameters, fields and properties other than JwtBearerOptions.TokenValidationParameters bring an
                // object configured by other code.
                if (!source.StartsWith("L:", System.StringComparison.Ordinal) && !_inPlace.Contains(source))
                {
                    _foreign.Add(target);
                }
            }
            else
            {
                _foreign.Add(target);
            }
        }

        /// <summary>Where a new parameters object is stored: the local, field or property it is assigned to, if any.</summary>
        private string? HolderOfValue(IOperation creation)
        {
            var current = creation.WithEnclosingConversions();

            switch (current.Parent)
            {
                case ISimpleAssignmentOperation assignment when assignment.Value == current:
                    return assignment.Target is IPropertyReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } }
                        ? null
                        : Key(assignment.Target);
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return HolderKeys.OfLocal(declarator.Symbol);
                default:
                    return null;
            }
        }

        /// <summary><see cref="HolderKeys.Of"/>, also remembering keys that denote <c>JwtBearerOptions.TokenValidationParameters</c>.</summary>
        private string? Key(IOperation operation)
        {
            var key = HolderKeys.Of(operation);
            if (key is not null
                && operation.WithoutImplicitConversions() is IPropertyReferenceOperation { Property: { Name: "TokenValidationParameters" } property }
                && _types.IsJwtBearerOptions(property.ContainingType))
            {
                _inPlace.Add(key);
            }

            return key;
        }

        private string Find(string key)
        {
            if (!_parent.TryGetValue(key, out var parent))
            {
                _parent[key] = key;
                return key;
            }

            while (parent != key)
            {
                var grand = _parent[parent];
                _parent[key] = grand;
                key = parent;
                parent = grand;
            }

            return key;
        }

        private void Union(string a, string b)
        {
            var rootA = Find(a);
            var rootB = Find(b);
            if (rootA != rootB)
            {
                _parent[rootA] = rootB;
            }
        }

        public ImmutableArray<ParametersConfiguration> Build()
        {
            var byRoot = new Dictionary<string, ParametersConfiguration>(System.StringComparer.Ordinal);
            var byCreation = new Dictionary<IObjectCreationOperation, ParametersConfiguration>();
            var result = ImmutableArray.CreateBuilder<ParametersConfiguration>();

            ParametersConfiguration ForHolder(string holder)
            {
                var root = Find(holder);
                if (!byRoot.TryGetValue(root, out var configuration))
                {
                    configuration = new ParametersConfiguration();
                    byRoot.Add(root, configuration);
                    result.Add(configuration);
                }

                return configuration;
            }

            foreach (var (creation, holder) in _creations)
            {
                var configuration = holder is null ? null : ForHolder(holder);
                if (configuration is null)
                {
                    configuration = new ParametersConfiguration();
                    result.Add(configuration);
                }

                configuration.Add(creation);
                byCreation[creation] = configuration;
            }

            var orphans = new ParametersConfiguration();
            foreach (var (setting, holder, creation) in _settings)
            {
                var configuration = creation is not null && byCreation.TryGetValue(creation, out var created)
                    ? created
                    : holder is not null ? ForHolder(holder) : orphans;
                configuration.Add(setting);
            }

            foreach (var key in _inPlace)
            {
                ForHolder(key).IsInPlace = true;
            }

            foreach (var key in _foreign)
            {
                ForHolder(key).HasForeignSource = true;
            }

            AnchorInPlace(byRoot.Values);

            if (orphans.Settings.Count > 0)
            {
                result.Add(orphans);
            }

            return result.ToImmutable();
        }

        /// <summary>A configuration only set in place (no creation, no other source) is reported at its first setting.</summary>
        private static void AnchorInPlace(IEnumerable<ParametersConfiguration> configurations)
        {
            foreach (var configuration in configurations)
            {
                if (configuration.IsInPlace && configuration.Creations.Count == 0 && !configuration.HasForeignSource && configuration.Settings.Count > 0)
                {
                    configuration.InPlaceAnchor = First(configuration.Settings);
                }
            }
        }

        private static ParametersSetting First(IReadOnlyList<ParametersSetting> settings)
        {
            var first = settings[0];
            foreach (var setting in settings)
            {
                if (setting.Position < first.Position)
                {
                    first = setting;
                }
            }

            return first;
        }
    }
}
