using System;
using Microsoft.IdentityModel.Tokens;

namespace Stateless.Runtime;

/// <summary>The verifier refused a token in JwtBearer; <see cref="Failure"/> says why.</summary>
public sealed class StatelessTokenValidationException : SecurityTokenValidationException
{
    /// <summary>Creates the exception for <paramref name="failure"/>.</summary>
    public StatelessTokenValidationException(TokenFailure failure)
        : base($"Token refused: {failure}.")
    {
        Failure = failure;
    }

    /// <summary>Creates the exception with a message.</summary>
    public StatelessTokenValidationException()
        : base("Token refused.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StatelessTokenValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public StatelessTokenValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why the token was refused.</summary>
    public TokenFailure Failure { get; }
}
