using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>
/// STL3001 (no expiry), STL3002 (lifetime over budget), STL3003 (no audience), STL3004 (no jti) and STL3007 (secret
/// in the payload) at the points where a JWT is minted: <c>new JwtSecurityToken(...)</c>, <c>SecurityTokenDescriptor</c>
/// (initializer and later assignments in the same method), <c>JwtPayload</c>, and the positional
/// <c>JwtSecurityTokenHandler.CreateJwtSecurityToken/CreateEncodedJwt</c> overloads.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TokenIssuanceAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: <see cref="ConstructorForm"/> or <see cref="DescriptorForm"/> (what the fix edits).</summary>
    public const string FormProperty = "Form";
    public const string ConstructorForm = "Constructor";
    public const string DescriptorForm = "Descriptor";

    /// <summary>Diagnostic properties: the <c>DateTime</c> method and amount that add the configured maximum lifetime.</summary>
    public const string ExpiryMethodProperty = "ExpiryMethod";
    public const string ExpiryAmountProperty = "ExpiryAmount";

    /// <summary>STL3002: "start:length" of the expression equal to issue time + lifetime, and of its issue-time part.</summary>
    public const string ChainSpanProperty = "Chain";
    public const string BaseSpanProperty = "Base";

    /// <summary>STL3002 without a clock reading (<c>DateTime.MaxValue</c>): the issue-time expression the fix writes.</summary>
    public const string IssueTimeProperty = "IssueTime";

    /// <summary>STL3004: where the jti claim goes ("start:length") and how (<see cref="JtiIntoCollection"/> ...).</summary>
    public const string JtiTargetProperty = "JtiTarget";
    public const string JtiKindProperty = "JtiKind";
    public const string JtiIntoCollection = "Collection";
    public const string JtiIntoDictionary = "Dictionary";
    public const string JtiAsClaimsArgument = "Argument";
    public const string JtiAsClaimsProperty = "Property";

    private static readonly string[] HandlerCreateMethods = { "CreateToken", "CreateJwtSecurityToken", "CreateEncodedJwt" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.STL3001_TokenIssuedWithoutExpiry,
        Descriptors.STL3002_AccessTokenLifetimeTooLong,
        Descriptors.STL3003_TokenIssuedWithoutAudience,
        Descriptors.STL3004_TokenIssuedWithoutJti,
        Descriptors.STL3007_SecretInTokenPayload);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics); // no callbacks on generated code: see GeneratedCode
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        if (!AnalysisScope.Get(context.Compilation, context.Options).Includes(RuleFamily.TokenIssuance))
        {
            return;
        }

        var types = IssuanceTypes.Create(context.Compilation);
        if (types is null)
        {
            return;
        }

        context.RegisterSymbolStartAction(
            symbolContext =>
            {
                var state = new TypeState();
                symbolContext.RegisterOperationBlockStartAction(startContext =>
                {
                    // Cheap filter: only blocks that create a token, descriptor, payload or claim, or call a handler, are walked.
                    var relevant = new RelevanceFlag();
                    startContext.RegisterOperationAction(
                        operationContext =>
                        {
                            if (!relevant.IsSet && IsRelevant(operationContext.Operation, types))
                            {
                                relevant.Set();
                            }
                        },
                        OperationKind.ObjectCreation,
                        OperationKind.Invocation);
                    startContext.RegisterOperationBlockEndAction(blockContext =>
                    {
                        if (relevant.IsSet)
                        {
                            new BlockAnalysis(blockContext, types, state).Run();
                        }
                    });
                });
                symbolContext.RegisterSymbolEndAction(endContext =>
                {
                    if (Volatile.Read(ref state.IssuesTokens) == 0)
                    {
                        return;
                    }

                    foreach (var pending in state.Pending)
                    {
                        if (!state.Reported.ContainsKey(pending.Location))
                        {
                            endContext.ReportDiagnostic(pending);
                        }
                    }
                });
            },
            SymbolKind.NamedType);
    }

    private static bool IsRelevant(IOperation operation, IssuanceTypes types) => operation switch
    {
        IObjectCreationOperation creation => IssuanceTypes.Is(creation.Type, types.JwtSecurityToken)
            || TypeHierarchy.IsOrInheritsFrom(creation.Type, types.SecurityTokenDescriptor)
            || TypeHierarchy.IsOrInheritsFrom(creation.Type, types.JwtPayload)
            || TypeHierarchy.IsOrInheritsFrom(creation.Type, types.Claim),
        IInvocationOperation invocation => invocation.TargetMethod.Name is "CreateJwtSecurityToken" or "CreateEncodedJwt"
            && TypeHierarchy.IsOrInheritsFrom(invocation.TargetMethod.ContainingType, types.JwtSecurityTokenHandler),
        _ => false,
    };

    private sealed class RelevanceFlag
    {
        private int _value;

        public bool IsSet => Volatile.Read(ref _value) != 0;

        public void Set() => Interlocked.Exchange(ref _value, 1);
    }

    /// <summary>Per-type: does the type mint tokens, and secret claims built elsewhere in it (claims helpers).</summary>
    private sealed class TypeState
    {
        public int IssuesTokens;

        public ConcurrentBag<Diagnostic> Pending { get; } = new();

        public ConcurrentDictionary<Location, bool> Reported { get; } = new();
    }

    private sealed class BlockAnalysis
    {
        private readonly OperationBlockAnalysisContext _context;
        private readonly IssuanceTypes _types;
        private readonly TypeState _state;
        private readonly MethodIndex _index;
        private readonly ClaimFlow _flow;
        private readonly TimeSpan _maxLifetime;
        private readonly TimeSpan _revocationWindow;
        private readonly HashSet<IOperation> _secretsSeen = new();
        private readonly HashSet<IOperation> _handlerLifetimesReported = new();
        private bool _issues;

        public BlockAnalysis(OperationBlockAnalysisContext context, IssuanceTypes types, TypeState state)
        {
            _context = context;
            _types = types;
            _state = state;
            _index = new MethodIndex(context.OperationBlocks);
            _flow = new ClaimFlow(_index, types);
            var tree = context.OperationBlocks.IsEmpty ? null : context.OperationBlocks[0].Syntax.SyntaxTree;
            _maxLifetime = tree is null ? StatelessOptions.DefaultMaxAccessTokenLifetime : StatelessOptions.MaxAccessTokenLifetime(context.Options, tree);
            _revocationWindow = tree is null ? StatelessOptions.DefaultRevocationWindow : StatelessOptions.RevocationWindow(context.Options, tree);
        }

        public void Run()
        {
            var claimCreations = new List<IObjectCreationOperation>();
            foreach (var operation in _index.All)
            {
                switch (operation)
                {
                    case IObjectCreationOperation creation when IssuanceTypes.Is(creation.Type, _types.JwtSecurityToken):
                        _issues = true;
                        JwtConstructor(creation);
                        break;
                    case IObjectCreationOperation creation when TypeHierarchy.IsOrInheritsFrom(creation.Type, _types.SecurityTokenDescriptor):
                        _issues = true;
                        Descriptor(creation);
                        break;
                    case IObjectCreationOperation creation when TypeHierarchy.IsOrInheritsFrom(creation.Type, _types.JwtPayload):
                        _issues = true;
                        Payload(creation);
                        break;
                    case IObjectCreationOperation creation when TypeHierarchy.IsOrInheritsFrom(creation.Type, _types.Claim):
                        claimCreations.Add(creation);
                        break;
                    case IInvocationOperation invocation when IsPositionalHandlerOverload(invocation):
                        _issues = true;
                        HandlerOverload(invocation);
                        break;
                }
            }

            if (_issues)
            {
                Interlocked.Exchange(ref _state.IssuesTokens, 1);
            }

            // Secret claims built anywhere in a type that mints tokens (claims helpers), reported at the type's end.
            foreach (var creation in claimCreations)
            {
                if (_secretsSeen.Contains(creation) || creation.Arguments.Length < 2 || creation.Arguments[0].Value.Type?.SpecialType != SpecialType.System_String)
                {
                    continue;
                }

                if (SecretDiagnostic(new ClaimEntry(ClaimFlow.FoldType(creation.Arguments[0].Value), creation.Arguments[1].Value, creation)) is { } diagnostic)
                {
                    _state.Pending.Add(diagnostic);
                }
            }
        }

        private void JwtConstructor(IObjectCreationOperation creation)
        {
            var expires = Argument(creation.Arguments, "expires");
            if (expires is null)
            {
                return; // JwtSecurityToken(header, payload) and JwtSecurityToken(string): the payload is judged where it is built.
            }

            var audience = Argument(creation.Arguments, "audience");
            var claimsArgument = Argument(creation.Arguments, "claims");
            var claims = new ClaimSet();
            if (IsPresent(claimsArgument))
            {
                _flow.Collection(claimsArgument!.Value, claims);
            }

            // Claims added to the token's payload after construction: token.Payload.Add("jti", ...), token.Payload["aud"] = ...
            if (MethodIndex.StoredIn(creation) is { } tokenLocal)
            {
                foreach (var reference in _index.ReferencesTo(tokenLocal))
                {
                    if (reference.Parent is IPropertyReferenceOperation { Property.Name: "Payload" } payload)
                    {
                        switch (payload.Parent)
                        {
                            case IInvocationOperation invocation when invocation.Instance == payload && invocation.TargetMethod.Name is "Add" or "TryAdd" or "AddClaim" or "AddClaims":
                                _flow.DictionaryWrite(invocation, claims, 0);
                                break;
                            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Instance == payload
                                && indexer.Parent is ISimpleAssignmentOperation write && write.Target == indexer:
                                _flow.DictionaryWrite(write, claims, 0);
                                break;
                        }
                    }
                }
            }

            var location = CreationLocation(creation);
            const string subject = "JwtSecurityToken";
            if (!IsPresent(expires))
            {
                if (!claims.Has("exp"))
                {
                    Report(Descriptors.STL3001_TokenIssuedWithoutExpiry, location, ExpiryProperties(ConstructorForm), subject);
                }
            }
            else
            {
                Lifetime(expires.Value, creation, claims);
            }

            if (!IsPresent(audience) && !claims.Has("aud"))
            {
                Report(Descriptors.STL3003_TokenIssuedWithoutAudience, location, null, subject);
            }

            if (claims.Lacks("jti") && !IsShortLived(IsPresent(expires) ? expires!.Value : null))
            {
                var properties = ImmutableDictionary<string, string?>.Empty.Add(FormProperty, ConstructorForm);
                if (!IsPresent(claimsArgument))
                {
                    properties = properties.Add(JtiKindProperty, JtiAsClaimsArgument).Add(JtiTargetProperty, SpanText(creation.Syntax.Span));
                }
                else if (CollectionNode(claimsArgument!.Value, 0) is { } node)
                {
                    properties = properties.Add(JtiKindProperty, JtiIntoCollection).Add(JtiTargetProperty, SpanText(node.Span));
                }

                Report(Descriptors.STL3004_TokenIssuedWithoutJti, location, properties, subject);
            }

            Secrets(claims);
        }

        private void Descriptor(IObjectCreationOperation creation)
        {
            var properties = new Dictionary<string, IOperation>(StringComparer.Ordinal);
            var claims = new ClaimSet();
            var audiencesAdded = false;
            var escaped = false;
            var handlers = new List<IOperation?>();

            if (creation.Initializer is { } initializer)
            {
                foreach (var item in initializer.Initializers)
                {
                    switch (item)
                    {
                        case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                            properties[property.Property.Name] = assignment.Value;
                            break;
                        case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation member, Initializer: var nested }:
                            switch (member.Property.Name)
                            {
                                case "Audiences":
                                    audiencesAdded |= nested.Initializers.Length > 0;
                                    break;
                                case "Claims":
                                    foreach (var write in nested.Initializers)
                                    {
                                        _flow.DictionaryWrite(write, claims, 0);
                                    }

                                    break;
                                case "Subject":
                                    claims.Open = true;
                                    break;
                            }

                            break;
                    }
                }
            }

            var local = MethodIndex.StoredIn(creation);
            if (local is not null)
            {
                foreach (var reference in _index.ReferencesTo(local))
                {
                    var parent = MethodIndex.Consumer(reference, out var direct);
                    switch (parent)
                    {
                        case IPropertyReferenceOperation property when property.Instance == direct:
                            DescriptorMemberUse(property, properties, claims, ref audiencesAdded);
                            break;
                        case IArgumentOperation argument:
                            if (HandlerSink(argument) is { } handler)
                            {
                                handlers.Add(handler.Instance);
                            }
                            else
                            {
                                escaped = true;
                            }

                            break;
                        case IReturnOperation:
                        case IVariableInitializerOperation:
                        case ISimpleAssignmentOperation assignment when assignment.Value == direct:
                            escaped = true;
                            break;
                    }
                }
            }
            else
            {
                MethodIndex.Consumer(creation, out var direct);
                if (direct.Parent is IArgumentOperation argument && HandlerSink(argument) is { } handler)
                {
                    handlers.Add(handler.Instance);
                }
                else
                {
                    escaped = true;
                }
            }

            if (properties.TryGetValue("Subject", out var subjectValue))
            {
                _flow.Collection(subjectValue, claims);
            }

            if (properties.TryGetValue("Claims", out var claimsValue))
            {
                _flow.Dictionary(claimsValue, claims);
            }

            var location = CreationLocation(creation);
            const string subject = "SecurityTokenDescriptor";
            if (properties.TryGetValue("Expires", out var expires) && !IsNull(expires))
            {
                Lifetime(expires, creation, claims);
            }
            else if (!escaped && !claims.Has("exp") && handlers.Exists(DisablesDefaultTimes))
            {
                Report(Descriptors.STL3001_TokenIssuedWithoutExpiry, location, ExpiryProperties(DescriptorForm), subject + " passed to a handler with SetDefaultTimesOnTokenCreation = false");
            }
            else if (!claims.Has("exp"))
            {
                foreach (var handler in handlers)
                {
                    HandlerDefaultLifetime(handler, creation, claims);
                }
            }

            var hasAudience = (properties.TryGetValue("Audience", out var audience) && !IsNull(audience)) || audiencesAdded || claims.Has("aud");
            if (!hasAudience && !escaped)
            {
                Report(Descriptors.STL3003_TokenIssuedWithoutAudience, location, null, subject);
            }

            if (!escaped && claims.Lacks("jti") && !IsShortLived(properties.TryGetValue("Expires", out var descriptorExpiry) ? descriptorExpiry : null))
            {
                Report(Descriptors.STL3004_TokenIssuedWithoutJti, location, DescriptorJtiProperties(creation, properties), subject);
            }

            Secrets(claims);
        }

        private void DescriptorMemberUse(IPropertyReferenceOperation property, Dictionary<string, IOperation> properties, ClaimSet claims, ref bool audiencesAdded)
        {
            if (property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property)
            {
                properties[property.Property.Name] = assignment.Value;
                return;
            }

            switch (property.Property.Name)
            {
                case "Claims" or "Subject":
                    if (property.Parent is IInvocationOperation invocation && invocation.Instance == property)
                    {
                        _flow.DictionaryWrite(invocation, claims, 0);
                    }
                    else if (property.Parent is IPropertyReferenceOperation { Property.IsIndexer: true } indexer && indexer.Instance == property
                        && indexer.Parent is ISimpleAssignmentOperation write && write.Target == indexer)
                    {
                        _flow.DictionaryWrite(write, claims, 0);
                    }

                    break;
                case "Audiences":
                    if (property.Parent is IInvocationOperation { TargetMethod.Name: "Add" or "AddRange" } add && add.Instance == property)
                    {
                        audiencesAdded = true;
                    }

                    break;
            }
        }

        private void Payload(IObjectCreationOperation creation)
        {
            var claims = new ClaimSet();
            IOperation? expiresArgument = null;
            var hasExpiry = false;
            var hasAudience = false;
            var escaped = false;
            foreach (var argument in creation.Arguments)
            {
                if (!IsPresent(argument))
                {
                    continue;
                }

                switch (argument.Parameter?.Name)
                {
                    case "claims":
                        _flow.Collection(argument.Value, claims);
                        break;
                    case "claimsCollection":
                        _flow.Dictionary(argument.Value, claims);
                        break;
                    case "expires":
                        hasExpiry = true;
                        expiresArgument = argument.Value;
                        break;
                    case "audience" or "audiences":
                        hasAudience = true;
                        break;
                }
            }

            if (creation.Initializer is { } initializer)
            {
                foreach (var item in initializer.Initializers)
                {
                    _flow.DictionaryWrite(item, claims, 0);
                }
            }

            if (MethodIndex.StoredIn(creation) is { } local)
            {
                foreach (var reference in _index.ReferencesTo(local))
                {
                    var parent = MethodIndex.Consumer(reference, out var direct);
                    switch (parent)
                    {
                        case IInvocationOperation invocation when invocation.Instance == direct:
                            if (invocation.TargetMethod.Name is "Add" or "TryAdd" or "AddClaim" or "AddClaims")
                            {
                                _flow.DictionaryWrite(invocation, claims, 0);
                            }

                            break;
                        case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Instance == direct
                            && indexer.Parent is ISimpleAssignmentOperation write && write.Target == indexer:
                            _flow.DictionaryWrite(write, claims, 0);
                            break;
                        case IArgumentOperation { Parent: IObjectCreationOperation token } when IssuanceTypes.Is(token.Type, _types.JwtSecurityToken):
                            break;
                        case IArgumentOperation:
                        case IReturnOperation:
                        case IVariableInitializerOperation:
                        case ISimpleAssignmentOperation assignment when assignment.Value == direct:
                            escaped = true;
                            break;
                    }
                }
            }
            else
            {
                MethodIndex.Consumer(creation, out var direct);
                escaped = !(direct.Parent is IArgumentOperation { Parent: IObjectCreationOperation token } && IssuanceTypes.Is(token.Type, _types.JwtSecurityToken));
            }

            if (expiresArgument is not null)
            {
                Lifetime(expiresArgument, creation, claims);
            }

            foreach (var entry in claims.Entries)
            {
                if (string.Equals(entry.Type, "exp", StringComparison.Ordinal) && entry.Value is not null)
                {
                    Lifetime(entry.Value, creation, claims);
                }
            }

            var location = CreationLocation(creation);
            const string subject = "JwtPayload";
            if (!escaped && !hasExpiry && !claims.Has("exp"))
            {
                Report(Descriptors.STL3001_TokenIssuedWithoutExpiry, location, null, subject);
            }

            if (!escaped && !hasAudience && !claims.Has("aud"))
            {
                Report(Descriptors.STL3003_TokenIssuedWithoutAudience, location, null, subject);
            }

            if (!escaped && claims.Lacks("jti") && !IsShortLived(expiresArgument))
            {
                Report(Descriptors.STL3004_TokenIssuedWithoutJti, location, null, subject);
            }

            Secrets(claims);
        }

        private void HandlerOverload(IInvocationOperation invocation)
        {
            var claims = new ClaimSet();
            var subjectArgument = Argument(invocation.Arguments, "subject");
            if (IsPresent(subjectArgument))
            {
                _flow.Collection(subjectArgument!.Value, claims);
            }

            var location = invocation.Syntax.GetLocation();
            var subject = invocation.TargetMethod.Name;
            var expires = Argument(invocation.Arguments, "expires");
            if (IsPresent(expires))
            {
                Lifetime(expires!.Value, invocation, claims);
            }
            else if (DisablesDefaultTimes(invocation.Instance) && !claims.Has("exp"))
            {
                Report(Descriptors.STL3001_TokenIssuedWithoutExpiry, location, null, subject + " on a handler with SetDefaultTimesOnTokenCreation = false");
            }
            else if (!claims.Has("exp"))
            {
                HandlerDefaultLifetime(invocation.Instance, invocation, claims);
            }

            if (!IsPresent(Argument(invocation.Arguments, "audience")) && !claims.Has("aud"))
            {
                Report(Descriptors.STL3003_TokenIssuedWithoutAudience, location, null, subject);
            }

            if (claims.Lacks("jti") && !IsShortLived(IsPresent(expires) ? expires!.Value : null))
            {
                Report(Descriptors.STL3004_TokenIssuedWithoutJti, location, null, subject);
            }

            Secrets(claims);
        }

        /// <summary>A token that dies within <c>stateless_revocation_window</c> needs no jti to be revoked (STL3004).</summary>
        private bool IsShortLived(IOperation? expiry) => LifetimeFolding.LivesAtMost(expiry, _revocationWindow);

        private bool IsPositionalHandlerOverload(IInvocationOperation invocation) =>
            invocation.TargetMethod.Name is "CreateJwtSecurityToken" or "CreateEncodedJwt"
            && TypeHierarchy.IsOrInheritsFrom(invocation.TargetMethod.ContainingType, _types.JwtSecurityTokenHandler)
            && Argument(invocation.Arguments, "subject") is not null
            && Argument(invocation.Arguments, "expires") is not null;

        private IInvocationOperation? HandlerSink(IArgumentOperation argument) =>
            argument.Parent is IInvocationOperation invocation
            && Array.IndexOf(HandlerCreateMethods, invocation.TargetMethod.Name) >= 0
            && _types.IsTokenHandler(invocation.TargetMethod.ContainingType)
                ? invocation
                : null;

        /// <summary>Is this handler (a creation, or a local created in this method) set to <c>SetDefaultTimesOnTokenCreation = false</c>?</summary>
        private bool DisablesDefaultTimes(IOperation? handler)
        {
            handler = handler.WithoutImplicitConversions();
            switch (handler)
            {
                case IObjectCreationOperation creation:
                    return InitializerDisables(creation) || (MethodIndex.StoredIn(creation) is { } stored && AssignmentsDisable(stored));
                case ILocalReferenceOperation local:
                    foreach (var value in _index.ValuesOf(local.Local))
                    {
                        if (value.WithoutImplicitConversions() is IObjectCreationOperation created && InitializerDisables(created))
                        {
                            return true;
                        }
                    }

                    return AssignmentsDisable(local.Local);
                default:
                    return false;
            }
        }

        private static bool InitializerDisables(IObjectCreationOperation creation)
        {
            if (creation.Initializer is null)
            {
                return false;
            }

            foreach (var item in creation.Initializer.Initializers)
            {
                if (item is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "SetDefaultTimesOnTokenCreation" } } assignment
                    && ConstantFolding.TryFoldBoolean(assignment.Value, out var value) && !value)
                {
                    return true;
                }
            }

            return false;
        }

        private bool AssignmentsDisable(ILocalSymbol local)
        {
            foreach (var reference in _index.ReferencesTo(local))
            {
                if (reference.Parent is IPropertyReferenceOperation { Property.Name: "SetDefaultTimesOnTokenCreation" } property
                    && property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property
                    && ConstantFolding.TryFoldBoolean(assignment.Value, out var value) && !value)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// STL3002 for a token without its own expiry: the handler then sets exp = now + <c>TokenLifetimeInMinutes</c>,
        /// reported where that property is set (on a handler created in this method) when it exceeds the budget.
        /// </summary>
        private void HandlerDefaultLifetime(IOperation? handler, IOperation token, ClaimSet claims)
        {
            handler = handler.WithoutImplicitConversions();
            var values = new List<IOperation>();
            switch (handler)
            {
                case IObjectCreationOperation creation:
                    AddLifetimeInitializers(creation, values);
                    break;
                case ILocalReferenceOperation local:
                    foreach (var value in _index.ValuesOf(local.Local))
                    {
                        if (value.WithoutImplicitConversions() is IObjectCreationOperation created)
                        {
                            AddLifetimeInitializers(created, values);
                        }
                    }

                    foreach (var reference in _index.ReferencesTo(local.Local))
                    {
                        if (reference.Parent is IPropertyReferenceOperation { Property.Name: "TokenLifetimeInMinutes" } property
                            && property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property)
                        {
                            values.Add(assignment.Value);
                        }
                    }

                    break;
            }

            if (values.Count != 1 || !LifetimeFolding.TryFoldNumber(values[0], out var minutes) || minutes <= 0 || minutes > 1e8)
            {
                return;
            }

            var lifetime = TimeSpan.FromMinutes(minutes);
            if (lifetime <= _maxLifetime || IsRefreshToken(token, claims) || !_handlerLifetimesReported.Add(values[0]))
            {
                return;
            }

            Report(
                Descriptors.STL3002_AccessTokenLifetimeTooLong,
                values[0].Syntax.GetLocation(),
                null,
                Durations.Format(lifetime),
                Durations.Format(_maxLifetime),
                DurationText.RefreshRate(lifetime),
                DurationText.RefreshRate(_maxLifetime));
        }

        private static void AddLifetimeInitializers(IObjectCreationOperation creation, List<IOperation> values)
        {
            if (creation.Initializer is null)
            {
                return;
            }

            foreach (var item in creation.Initializer.Initializers)
            {
                if (item is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "TokenLifetimeInMinutes" } } assignment)
                {
                    values.Add(assignment.Value);
                }
            }
        }

        /// <summary>STL3002: report an expiry that folds to more than the budget after issue.</summary>
        private void Lifetime(IOperation expiry, IOperation token, ClaimSet claims)
        {
            if (MaxValue(expiry, 0) is { } forever)
            {
                if (!IsRefreshToken(token, claims))
                {
                    // exp = year 9999: the token never expires in practice.
                    Report(
                        Descriptors.STL3002_AccessTokenLifetimeTooLong,
                        expiry.Syntax.GetLocation(),
                        ExpiryProperties(form: null)
                            .Add(ChainSpanProperty, SpanText(forever.Syntax.Span))
                            .Add(IssueTimeProperty, forever.Type?.SpecialType == SpecialType.System_DateTime ? "System.DateTime.UtcNow" : "System.DateTimeOffset.UtcNow"),
                        "forever (" + forever.Syntax + ")",
                        Durations.Format(_maxLifetime),
                        "~0 refreshes/s",
                        DurationText.RefreshRate(_maxLifetime));
                }

                return;
            }

            if (!LifetimeFolding.TryFoldRelative(expiry, out var relative) || relative.Offset <= _maxLifetime || IsRefreshToken(token, claims))
            {
                return;
            }

            var properties = ExpiryProperties(form: null);
            var tree = expiry.Syntax.SyntaxTree;
            if (relative.Chain.Syntax.SyntaxTree == tree && relative.Base.Syntax.SyntaxTree == tree)
            {
                properties = properties
                    .Add(ChainSpanProperty, SpanText(relative.Chain.Syntax.Span))
                    .Add(BaseSpanProperty, SpanText(relative.Base.Syntax.Span));
            }

            Report(
                Descriptors.STL3002_AccessTokenLifetimeTooLong,
                expiry.Syntax.GetLocation(),
                properties,
                Durations.Format(relative.Offset),
                Durations.Format(_maxLifetime),
                DurationText.RefreshRate(relative.Offset),
                DurationText.RefreshRate(_maxLifetime));
        }

        /// <summary><c>DateTime.MaxValue</c> / <c>DateTimeOffset.MaxValue</c>, directly or through a local assigned once.</summary>
        private static IOperation? MaxValue(IOperation? expiry, int depth)
        {
            expiry = expiry.WithoutConversions();

            return expiry switch
            {
                IFieldReferenceOperation { Instance: null, Field: { Name: "MaxValue" } field }
                    when field.ContainingType.SpecialType == SpecialType.System_DateTime || field.ContainingType.Name == "DateTimeOffset" && field.ContainingNamespace?.Name == "System" => expiry,
                IPropertyReferenceOperation { Instance: { } instance, Property.Name: "UtcDateTime" or "DateTime" } => MaxValue(instance, depth + 1),
                ILocalReferenceOperation local when depth < 4 && ConstantFolding.SingleAssignment(local) is { } assigned => MaxValue(assigned, depth + 1),
                _ => null,
            };
        }

        /// <summary>
        /// A JWT minted as a refresh token is not an access token: STL3002's budget does not apply. Recognised by a
        /// <c>Generate/Create/Issue/Build/Make/New…RefreshToken</c> method, a local named like <c>refreshToken</c> that
        /// holds the token (or its descriptor, or the string written from it), or a token-type claim whose value is
        /// <c>refresh</c>.
        /// </summary>
        private bool IsRefreshToken(IOperation token, ClaimSet claims)
        {
            var owner = _context.OwningSymbol.Name;
            if (owner.IndexOf("Refresh", StringComparison.OrdinalIgnoreCase) >= 0
                && owner.IndexOf("Token", StringComparison.OrdinalIgnoreCase) >= 0
                && (owner.StartsWith("Generate", StringComparison.Ordinal) || owner.StartsWith("Create", StringComparison.Ordinal)
                    || owner.StartsWith("Issue", StringComparison.Ordinal) || owner.StartsWith("Build", StringComparison.Ordinal)
                    || owner.StartsWith("Make", StringComparison.Ordinal) || owner.StartsWith("New", StringComparison.Ordinal)))
            {
                return true;
            }

            foreach (var entry in claims.Entries)
            {
                if (entry.Type is "token_type" or "typ" or "type" or "token_use" or "tokenType"
                    && entry.Value is not null
                    && ConstantFolding.TryFoldString(entry.Value, out var kind)
                    && kind.StartsWith("refresh", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            if (IsRefreshName(ReceivingLocal(token)))
            {
                return true;
            }

            if (MethodIndex.StoredIn(token) is { } local)
            {
                foreach (var reference in _index.ReferencesTo(local))
                {
                    if (IsRefreshName(ReceivingLocal(reference)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsRefreshName(ILocalSymbol? local) =>
            local is not null && local.Name.IndexOf("refresh", StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>The local whose declaration (or assignment) this value flows into within its statement, if any.</summary>
        private static ILocalSymbol? ReceivingLocal(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case IVariableDeclaratorOperation declarator:
                        return declarator.Symbol;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target }:
                        return target.Local;
                    case IExpressionStatementOperation or IReturnOperation or IBlockOperation or IAnonymousFunctionOperation:
                        return null;
                }
            }

            return null;
        }

        private void Secrets(ClaimSet claims)
        {
            foreach (var entry in claims.Entries)
            {
                if (!_secretsSeen.Add(entry.Origin))
                {
                    continue;
                }

                if (SecretDiagnostic(entry) is { } diagnostic)
                {
                    _state.Reported.TryAdd(diagnostic.Location, true);
                    _context.ReportDiagnostic(diagnostic);
                }
            }
        }

        private static Diagnostic? SecretDiagnostic(ClaimEntry entry)
        {
            if (entry.Type is { } type && string.Equals(type, ClaimFlow.StoredClaimsType, StringComparison.Ordinal))
            {
                return null;
            }

            var shown = entry.Type ?? "(computed)";
            string? what = null;
            if (SecretNames.Match(entry.Type) is { } typeNoun)
            {
                what = typeNoun;
            }
            else if (ValueSource(entry.Value) is { } source && SecretNames.Match(source.Name) is { } sourceNoun)
            {
                what = sourceNoun + " read from '" + source.Display + "'";
            }

            return what is null
                ? null
                : Diagnostic.Create(Descriptors.STL3007_SecretInTokenPayload, entry.Origin.Syntax.GetLocation(), shown, what);
        }

        /// <summary>The member a claim value is read from (<c>user.Password</c>, <c>config["ApiKey"]</c>, <c>GetApiKey()</c>).</summary>
        private static (string Name, string Display)? ValueSource(IOperation? value)
        {
            for (var depth = 0; value is not null && depth < 8; depth++)
            {
                switch (value)
                {
                    case IConversionOperation or IParenthesizedOperation:
                        value = value.WithoutConversions();
                        continue;
                    case IConditionalAccessOperation conditional:
                        value = conditional.WhenNotNull;
                        continue;
                    case ICoalesceOperation coalesce:
                        value = coalesce.Value;
                        continue;
                    case IInvocationOperation { Instance: { } instance, TargetMethod.Name: "ToString" or "Trim" or "ToLower" or "ToUpper" or "ToLowerInvariant" or "ToUpperInvariant" }:
                        value = instance;
                        continue;
                    case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                        when indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key }:
                        return (key, indexer.Syntax.ToString());
                    case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                        return (property.Property.Name, property.Syntax.ToString());
                    case IFieldReferenceOperation field:
                        return (field.Field.Name, field.Syntax.ToString());
                    case ILocalReferenceOperation local:
                        return (local.Local.Name, local.Local.Name);
                    case IParameterReferenceOperation parameter:
                        return (parameter.Parameter.Name, parameter.Parameter.Name);
                    case IInvocationOperation invocation:
                        return (invocation.TargetMethod.Name, invocation.TargetMethod.Name + "()");
                    default:
                        return null;
                }
            }

            return null;
        }

        private ImmutableDictionary<string, string?> DescriptorJtiProperties(IObjectCreationOperation creation, Dictionary<string, IOperation> properties)
        {
            var result = ImmutableDictionary<string, string?>.Empty.Add(FormProperty, DescriptorForm);
            if (properties.TryGetValue("Claims", out var claimsValue))
            {
                return DictionaryNode(claimsValue, 0) is { } dictionary
                    ? result.Add(JtiKindProperty, JtiIntoDictionary).Add(JtiTargetProperty, SpanText(dictionary.Span))
                    : result;
            }

            if (properties.TryGetValue("Subject", out var subjectValue))
            {
                if (IdentityCreation(subjectValue, 0) is not { } identity)
                {
                    return result;
                }

                foreach (var argument in identity.Arguments)
                {
                    if (IsPresent(argument) && argument.Value.Type?.SpecialType != SpecialType.System_String
                        && !TypeHierarchy.IsOrInheritsFrom(argument.Value.Type, _types.GenericIdentity)
                        && CollectionNode(argument.Value, 0) is { } node)
                    {
                        return result.Add(JtiKindProperty, JtiIntoCollection).Add(JtiTargetProperty, SpanText(node.Span));
                    }
                }
            }

            return creation.Syntax is BaseObjectCreationExpressionSyntax
                ? result.Add(JtiKindProperty, JtiAsClaimsProperty).Add(JtiTargetProperty, SpanText(creation.Syntax.Span))
                : result;
        }

        private IObjectCreationOperation? IdentityCreation(IOperation? value, int depth)
        {
            value = value.WithoutImplicitConversions();
            return value switch
            {
                IObjectCreationOperation creation when TypeHierarchy.IsOrInheritsFrom(creation.Type, _types.ClaimsIdentity) => creation,
                ILocalReferenceOperation local when depth < 4 && ConstantFolding.SingleAssignment(local) is { } assigned => IdentityCreation(assigned, depth + 1),
                _ => null,
            };
        }

        /// <summary>The array, collection creation or collection expression a claims sequence starts from, if the method shows one.</summary>
        private static SyntaxNode? CollectionNode(IOperation? value, int depth)
        {
            value = value.WithoutImplicitConversions();
            if (value is null || depth > 4)
            {
                return null;
            }

            if (value.Syntax is CollectionExpressionSyntax collection)
            {
                return collection;
            }

            switch (value)
            {
                case IConversionOperation conversion:
                    return CollectionNode(conversion.Operand, depth + 1);
                case IArrayCreationOperation { Initializer: not null } array:
                    return array.Syntax;
                case IObjectCreationOperation { Type: INamedTypeSymbol { IsGenericType: true } } creation
                    when creation.Syntax is BaseObjectCreationExpressionSyntax && (creation.Initializer is not null || creation.Arguments.IsEmpty):
                    return creation.Syntax;
                case ILocalReferenceOperation local when ConstantFolding.SingleAssignment(local) is { } assigned:
                    return CollectionNode(assigned, depth + 1);
                case IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray" or "AsEnumerable", Instance: null, Arguments.Length: 1 } linq:
                    return CollectionNode(linq.Arguments[0].Value, depth + 1);
                default:
                    return null;
            }
        }

        private static SyntaxNode? DictionaryNode(IOperation? value, int depth)
        {
            value = value.WithoutImplicitConversions();
            return value switch
            {
                IObjectCreationOperation creation when creation.Syntax is BaseObjectCreationExpressionSyntax => creation.Syntax,
                ILocalReferenceOperation local when depth < 4 && ConstantFolding.SingleAssignment(local) is { } assigned => DictionaryNode(assigned, depth + 1),
                _ => null,
            };
        }

        private ImmutableDictionary<string, string?> ExpiryProperties(string? form)
        {
            var minutes = _maxLifetime.TotalMinutes;
            var whole = Math.Abs(minutes - Math.Round(minutes)) < 1e-9;
            var result = ImmutableDictionary<string, string?>.Empty
                .Add(ExpiryMethodProperty, whole ? "AddMinutes" : "AddSeconds")
                .Add(ExpiryAmountProperty, (whole ? Math.Round(minutes) : Math.Round(_maxLifetime.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
            return form is null ? result : result.Add(FormProperty, form);
        }

        private void Report(DiagnosticDescriptor descriptor, Location location, ImmutableDictionary<string, string?>? properties, params object[] arguments) =>
            _context.ReportDiagnostic(Diagnostic.Create(descriptor, location, properties ?? ImmutableDictionary<string, string?>.Empty, arguments));
    }

    private static IArgumentOperation? Argument(ImmutableArray<IArgumentOperation> arguments, string name)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } parameter && string.Equals(parameter.Name, name, StringComparison.Ordinal))
            {
                return argument;
            }
        }

        return null;
    }

    private static bool IsPresent(IArgumentOperation? argument) =>
        argument is not null && argument.ArgumentKind != ArgumentKind.DefaultValue && !IsNull(argument.Value);

    private static bool IsNull(IOperation operation)
    {
        var unwrapped = operation.WithoutConversions();

        return unwrapped is IDefaultValueOperation || unwrapped?.ConstantValue is { HasValue: true, Value: null };
    }

    /// <summary><c>new X(...)</c> without its initializer, so the squiggle stays on one line.</summary>
    private static Location CreationLocation(IOperation creation)
    {
        var syntax = creation.Syntax;
        var span = syntax switch
        {
            ObjectCreationExpressionSyntax explicitNew => TextSpan.FromBounds(explicitNew.SpanStart, explicitNew.ArgumentList?.Span.End ?? explicitNew.Type.Span.End),
            ImplicitObjectCreationExpressionSyntax implicitNew => TextSpan.FromBounds(implicitNew.SpanStart, implicitNew.ArgumentList.Span.End),
            _ => syntax.Span,
        };
        return Location.Create(syntax.SyntaxTree, span);
    }

    private static string SpanText(TextSpan span) =>
        span.Start.ToString(CultureInfo.InvariantCulture) + ":" + span.Length.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a "start:length" property back to a span.</summary>
    public static TextSpan? ParseSpan(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var colon = text.IndexOf(':');
        return colon > 0
            && int.TryParse(text.Substring(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && int.TryParse(text.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                ? new TextSpan(start, length)
                : null;
    }
}
