using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;
using static Stateless.Analyzers.TokenIssuance.IssuanceOperations;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>The positional <c>JwtSecurityTokenHandler.CreateJwtSecurityToken/CreateEncodedJwt</c> overloads: STL3001/3002/3003/3004/3007 from their arguments and the handler's default times.</summary>
internal sealed class HandlerOverloadIssuance
{
    private readonly IssuanceBlock _block;

    public HandlerOverloadIssuance(IssuanceBlock block)
    {
        _block = block;
    }

    public void Judge(IInvocationOperation invocation)
    {
        var claims = new ClaimSet();
        var subjectArgument = Argument(invocation.Arguments, "subject");
        if (IsPresent(subjectArgument))
        {
            _block.Flow.Collection(subjectArgument!.Value, claims);
        }

        var location = invocation.Syntax.GetLocation();
        var subject = invocation.TargetMethod.Name;
        var expires = Argument(invocation.Arguments, "expires");
        if (IsPresent(expires))
        {
            _block.Lifetime.Judge(expires!.Value, invocation, claims);
        }
        else if (_block.DefaultTimes.Disabled(invocation.Instance) && !claims.Has("exp"))
        {
            _block.Report(Descriptors.STL3001_TokenIssuedWithoutExpiry, location, null, subject + " on a handler with SetDefaultTimesOnTokenCreation = false");
        }
        else if (!claims.Has("exp"))
        {
            _block.Lifetime.HandlerDefault(invocation.Instance, invocation, claims);
        }

        if (!IsPresent(Argument(invocation.Arguments, "audience")) && !claims.Has("aud"))
        {
            _block.Report(Descriptors.STL3003_TokenIssuedWithoutAudience, location, null, subject);
        }

        if (claims.Lacks("jti") && !_block.IsShortLived(IsPresent(expires) ? expires!.Value : null))
        {
            _block.Report(Descriptors.STL3004_TokenIssuedWithoutJti, location, null, subject);
        }

        _block.Secrets.Judge(claims);
    }
}
