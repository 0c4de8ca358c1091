using System.Linq;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Stateless.Runtime;

/// <summary>
/// Runs after every configure and post-configure step of the scheme's <see cref="JwtBearerOptions"/>: a later step of the
/// app that swapped out the <see cref="StatelessTokenHandler"/> (another handler, or the legacy
/// <c>SecurityTokenValidators</c>) or forwarded authentication to another scheme would switch off the verifier's checks
/// and the denylist, so the options are refused
/// (the first request fails with <see cref="OptionsValidationException"/>) instead of silently accepting more.
/// </summary>
internal sealed class StatelessJwtBearerOptionsValidator(string scheme) : IValidateOptions<JwtBearerOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtBearerOptions options)
    {
        if (!string.Equals(name, scheme, System.StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        if (options.UseSecurityTokenValidators)
        {
            return ValidateOptionsResult.Fail(
                $"JwtBearer scheme '{scheme}' was set up by AddStatelessJwtBearer, but UseSecurityTokenValidators was turned back on after it: tokens would bypass the {nameof(StatelessTokenHandler)} and its denylist check.");
        }

        if (options.ForwardAuthenticate is not null || options.ForwardDefault is not null || options.ForwardDefaultSelector is not null)
        {
            return ValidateOptionsResult.Fail(
                $"JwtBearer scheme '{scheme}' was set up by AddStatelessJwtBearer, but forwards authentication to another scheme (ForwardAuthenticate, ForwardDefault or ForwardDefaultSelector): tokens would never reach the {nameof(StatelessTokenHandler)} and its denylist check. Forward to this scheme from a policy scheme instead.");
        }

        return options.TokenHandlers.Count == 1 && options.TokenHandlers.Single() is StatelessTokenHandler
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"JwtBearer scheme '{scheme}' was set up by AddStatelessJwtBearer, but its TokenHandlers were changed after it: the {nameof(StatelessTokenHandler)} must be the only token handler, or tokens would skip the verifier's checks and the jti denylist.");
    }
}
