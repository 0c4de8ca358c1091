using System;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Stateless.Runtime;

namespace Stateless.Runtime.Tests;

public sealed class RefreshTokenRotatorTests
{
    private readonly FakeTimeProvider _time = new(TokenForge.Start);

    private RefreshTokenRotator Rotator(IRefreshTokenStore? store = null, RefreshTokenOptions? options = null) =>
        new(store ?? new InMemoryRefreshTokenStore(), options ?? new RefreshTokenOptions(), _time);

    [Fact]
    public void Options_have_the_documented_defaults()
    {
        var options = new RefreshTokenOptions();
        Assert.Equal(TimeSpan.FromDays(14), options.Lifetime);
        Assert.Equal(TimeSpan.Zero, options.ReuseGracePeriod);
        Assert.True(options.AbsoluteLifetime >= options.Lifetime);
    }

    [Fact]
    public async Task Tokens_are_opaque_random_256_bit_and_stored_only_as_hashes()
    {
        var store = new RecordingStore(new InMemoryRefreshTokenStore());
        var rotator = Rotator(store);
        var issued = await rotator.IssueAsync("alice");
        var rotated = await rotator.RotateAsync(issued.Token);

        foreach (var token in new[] { issued.Token, rotated.NewToken!.Token })
        {
            var secret = Base64Url.DecodeFromChars(token.Split('.')[1]);
            Assert.True(secret.Length * 8 >= 256);
            Assert.DoesNotContain(token, store.Seen, StringComparer.Ordinal);
            Assert.DoesNotContain(token.Split('.')[1], store.Seen, StringComparer.Ordinal);
        }

        Assert.Contains(Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(issued.Token))), store.Seen);
        Assert.Equal(issued.FamilyId, rotated.FamilyId);
        Assert.Equal(issued.FamilyId, rotated.NewToken.FamilyId);
        Assert.NotEqual(issued.Token, rotated.NewToken.Token);
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < 1000; i++)
        {
            tokens.Add((await rotator.IssueAsync("bob")).Token);
        }

        Assert.Equal(1000, tokens.Count);
    }

    [Fact]
    public async Task Rotation_chain_and_reuse_revokes_the_whole_family()
    {
        var rotator = Rotator();
        var first = await rotator.IssueAsync("alice");
        var second = await rotator.RotateAsync(first);
        Assert.Equal(RefreshStatus.Rotated, second.Status);
        Assert.Equal("alice", second.Subject);
        var third = await rotator.RotateAsync(second.NewToken!);
        Assert.Equal(RefreshStatus.Rotated, third.Status);

        // The thief replays the first token: reuse, and the family is gone, the newest token included.
        var replay = await rotator.RotateAsync(first.Token);
        Assert.Equal(RefreshStatus.ReuseDetected, replay.Status);
        Assert.Null(replay.NewToken);
        Assert.Equal(first.FamilyId, replay.FamilyId);
        Assert.Equal("alice", replay.Subject);

        Assert.Equal(RefreshStatus.Revoked, (await rotator.RotateAsync(third.NewToken!)).Status);

        // Spent tokens stay reuse, every time they are presented.
        Assert.Equal(RefreshStatus.ReuseDetected, (await rotator.RotateAsync(second.NewToken!)).Status);
        Assert.Equal(RefreshStatus.ReuseDetected, (await rotator.RotateAsync(first)).Status);

        // Another login of the same subject is untouched.
        var other = await rotator.IssueAsync("alice");
        Assert.Equal(RefreshStatus.Rotated, (await rotator.RotateAsync(other)).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Unknown_or_malformed_tokens_are_invalid(string? token)
    {
        var store = new RecordingStore(new InMemoryRefreshTokenStore());
        var result = await Rotator(store).RotateAsync(token!);
        Assert.Equal(RefreshStatus.Invalid, result.Status);
        Assert.Null(result.NewToken);
    }

    [Fact]
    public async Task Huge_input_is_invalid_without_reaching_the_store()
    {
        var store = new RecordingStore(new InMemoryRefreshTokenStore());
        var result = await Rotator(store).RotateAsync(new string('A', 1024 * 1024));
        Assert.Equal(RefreshStatus.Invalid, result.Status);
        Assert.Equal(0, store.Rotations);
    }

    [Fact]
    public async Task Tampered_token_of_a_real_family_is_invalid()
    {
        var rotator = Rotator();
        var issued = await rotator.IssueAsync("alice");
        var secret = Base64Url.DecodeFromChars(issued.Token.Split('.')[1]);
        secret[0] ^= 1;
        var forged = issued.FamilyId + "." + Base64Url.EncodeToString(secret);

        Assert.Equal(RefreshStatus.Invalid, (await rotator.RotateAsync(forged)).Status);
        Assert.Equal(RefreshStatus.Rotated, (await rotator.RotateAsync(issued)).Status);
    }

    [Fact]
    public async Task Token_expires_after_its_lifetime()
    {
        var rotator = Rotator(options: new RefreshTokenOptions { Lifetime = TimeSpan.FromDays(1) });
        var issued = await rotator.IssueAsync("alice");
        Assert.Equal(TokenForge.Start.AddDays(1), issued.ExpiresAt);

        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(RefreshStatus.Expired, (await rotator.RotateAsync(issued)).Status);
    }

    [Fact]
    public async Task Family_ends_at_its_absolute_lifetime_however_often_it_rotates()
    {
        var rotator = Rotator(options: new RefreshTokenOptions { Lifetime = TimeSpan.FromDays(14), AbsoluteLifetime = TimeSpan.FromDays(30) });
        string token = (await rotator.IssueAsync("alice")).Token;
        for (int day = 10; day < 30; day += 10)
        {
            _time.Advance(TimeSpan.FromDays(10));
            var result = await rotator.RotateAsync(token);
            Assert.Equal(RefreshStatus.Rotated, result.Status);
            Assert.True(result.NewToken!.ExpiresAt <= TokenForge.Start.AddDays(30));
            token = result.NewToken.Token;
        }

        _time.Advance(TimeSpan.FromDays(10));
        Assert.Equal(RefreshStatus.Expired, (await rotator.RotateAsync(token)).Status);
    }

    [Fact]
    public async Task Grace_period_returns_the_already_issued_successor_within_the_window_only()
    {
        var rotator = Rotator(options: new RefreshTokenOptions { ReuseGracePeriod = TimeSpan.FromSeconds(10) });
        var first = await rotator.IssueAsync("alice");
        var second = await rotator.RotateAsync(first);

        _time.Advance(TimeSpan.FromSeconds(5));
        var retry = await rotator.RotateAsync(first);
        Assert.Equal(RefreshStatus.Rotated, retry.Status);
        Assert.Equal(second.NewToken!.Token, retry.NewToken!.Token);
        Assert.Equal(second.NewToken.ExpiresAt, retry.NewToken.ExpiresAt);

        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(RefreshStatus.ReuseDetected, (await rotator.RotateAsync(first)).Status);
        Assert.Equal(RefreshStatus.Revoked, (await rotator.RotateAsync(second.NewToken)).Status);
    }

    [Fact]
    public async Task Grace_period_does_not_cover_a_token_whose_successor_was_already_used()
    {
        var rotator = Rotator(options: new RefreshTokenOptions { ReuseGracePeriod = TimeSpan.FromSeconds(30) });
        var first = await rotator.IssueAsync("alice");
        var second = await rotator.RotateAsync(first);
        var third = await rotator.RotateAsync(second.NewToken!);
        Assert.Equal(RefreshStatus.Rotated, third.Status);

        Assert.Equal(RefreshStatus.ReuseDetected, (await rotator.RotateAsync(first)).Status);
        Assert.Equal(RefreshStatus.Revoked, (await rotator.RotateAsync(third.NewToken!)).Status);
    }

    [Fact]
    public async Task Revoke_family_and_revoke_subject()
    {
        var rotator = Rotator();
        var phone = await rotator.IssueAsync("alice");
        var laptop = await rotator.IssueAsync("alice");
        var tablet = await rotator.IssueAsync("alice");
        var bob = await rotator.IssueAsync("bob");

        await rotator.RevokeFamilyAsync(phone.FamilyId);
        Assert.Equal(RefreshStatus.Revoked, (await rotator.RotateAsync(phone)).Status);
        var laptopNext = await rotator.RotateAsync(laptop);
        Assert.Equal(RefreshStatus.Rotated, laptopNext.Status);

        await rotator.RevokeSubjectAsync("alice");
        Assert.Equal(RefreshStatus.Revoked, (await rotator.RotateAsync(laptopNext.NewToken!)).Status);
        Assert.Equal(RefreshStatus.Revoked, (await rotator.RotateAsync(tablet)).Status);
        Assert.Equal(RefreshStatus.Rotated, (await rotator.RotateAsync(bob)).Status);

        // A login after "log out everywhere" works.
        Assert.Equal(RefreshStatus.Rotated, (await rotator.RotateAsync(await rotator.IssueAsync("alice"))).Status);
        await rotator.RevokeFamilyAsync("no-such-family");
    }

    [Fact]
    public async Task Store_failure_is_store_unavailable_and_nothing_rotates()
    {
        var inner = new InMemoryRefreshTokenStore();
        var flaky = new RecordingStore(inner);
        var rotator = Rotator(flaky);
        var issued = await rotator.IssueAsync("alice");

        flaky.Down = true;
        var result = await rotator.RotateAsync(issued);
        Assert.Equal(RefreshStatus.StoreUnavailable, result.Status);
        Assert.Null(result.NewToken);
        await Assert.ThrowsAsync<StoreUnavailableException>(async () => await rotator.IssueAsync("alice"));
        await Assert.ThrowsAsync<StoreUnavailableException>(async () => await rotator.RevokeFamilyAsync(issued.FamilyId));
        await Assert.ThrowsAsync<StoreUnavailableException>(async () => await rotator.RevokeSubjectAsync("alice"));

        flaky.Down = false;
        Assert.Equal(RefreshStatus.Rotated, (await rotator.RotateAsync(issued)).Status);
    }

    [Fact]
    public async Task Store_forgets_families_after_their_absolute_lifetime()
    {
        var store = new InMemoryRefreshTokenStore();
        var rotator = Rotator(store, new RefreshTokenOptions { Lifetime = TimeSpan.FromHours(1), AbsoluteLifetime = TimeSpan.FromHours(2) });
        for (int i = 0; i < 500; i++)
        {
            await rotator.RotateAsync(await rotator.IssueAsync("user" + (i % 10)));
        }

        Assert.Equal(500, store.FamilyCount);
        _time.Advance(TimeSpan.FromHours(2));
        await rotator.IssueAsync("late");
        Assert.Equal(501, store.FamilyCount); // remembered a while, so their tokens read as Expired

        _time.Advance(InMemoryRefreshTokenStore.RetentionAfterExpiry);
        await rotator.IssueAsync("later");
        Assert.Equal(2, store.FamilyCount);
    }

    [Fact]
    public async Task Reuse_detection_is_logged_and_counted()
    {
        var logger = new ListLogger();
        var rotator = new RefreshTokenRotator(new InMemoryRefreshTokenStore(), new RefreshTokenOptions(), _time, logger);
        var first = await rotator.IssueAsync("alice");
        await rotator.RotateAsync(first);
        await rotator.RotateAsync(first);

        var entry = Assert.Single(logger.Entries, e => e.Id == RuntimeEvents.RefreshTokenReuseDetected);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains(first.FamilyId, entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Token, entry.Message, StringComparison.Ordinal);
    }

    /// <summary>A store that answers a grace replay for any spent token, sealed successor or not (the old rule).</summary>
    private sealed class GraceForAnySpentTokenStore(IRefreshTokenStore inner) : IRefreshTokenStore
    {
        private readonly HashSet<string> _spent = new(StringComparer.Ordinal);

        public ValueTask CreateFamilyAsync(RefreshTokenFamily family, RefreshTokenRecord firstToken, CancellationToken cancellationToken = default) =>
            inner.CreateFamilyAsync(family, firstToken, cancellationToken);

        public async ValueTask<RefreshRotationResult> RotateAsync(RefreshRotationRequest request, CancellationToken cancellationToken = default)
        {
            if (request.ReuseGracePeriod > TimeSpan.Zero && _spent.Contains(request.PresentedTokenHash))
            {
                return new RefreshRotationResult { Outcome = RefreshRotationOutcome.GraceReplay, Subject = "alice", SuccessorExpiresAt = request.Now.AddDays(1) };
            }

            var result = await inner.RotateAsync(request, cancellationToken);
            if (result.Outcome == RefreshRotationOutcome.Rotated)
            {
                _spent.Add(request.PresentedTokenHash);
            }

            return result;
        }

        public ValueTask<bool> RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            inner.RevokeFamilyAsync(familyId, now, cancellationToken);

        public ValueTask<int> RevokeSubjectAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            inner.RevokeSubjectAsync(subject, now, cancellationToken);
    }

    [Fact]
    public async Task A_grace_replay_whose_successor_cannot_be_opened_is_reuse_and_revokes_the_family()
    {
        var store = new GraceForAnySpentTokenStore(new InMemoryRefreshTokenStore());
        var without = Rotator(store);
        var with = Rotator(store, new RefreshTokenOptions { ReuseGracePeriod = TimeSpan.FromSeconds(30) });
        var issued = await without.IssueAsync("alice");
        var first = await without.RotateAsync(issued.Token);

        var replay = await with.RotateAsync(issued.Token);
        Assert.Equal(RefreshStatus.ReuseDetected, replay.Status);
        Assert.Null(replay.NewToken);
        Assert.Equal(RefreshStatus.Revoked, (await without.RotateAsync(first.NewToken!.Token)).Status);
    }
}

/// <summary>Wraps a store, records every string it is given, and can simulate an outage.</summary>
internal sealed class RecordingStore(IRefreshTokenStore inner) : IRefreshTokenStore
{
    public ConcurrentBag<string> Seen { get; } = new();

    public bool Down { get; set; }

    public int Rotations { get; private set; }

    public ValueTask CreateFamilyAsync(RefreshTokenFamily family, RefreshTokenRecord firstToken, CancellationToken cancellationToken = default)
    {
        Fail();
        Seen.Add(family.FamilyId);
        Seen.Add(family.Subject);
        Seen.Add(firstToken.TokenHash);
        return inner.CreateFamilyAsync(family, firstToken, cancellationToken);
    }

    public ValueTask<RefreshRotationResult> RotateAsync(RefreshRotationRequest request, CancellationToken cancellationToken = default)
    {
        Fail();
        Rotations++;
        Seen.Add(request.PresentedTokenHash);
        Seen.Add(request.Successor.TokenHash);
        Seen.Add(Encoding.Latin1.GetString(request.SealedSuccessor.Span));
        return inner.RotateAsync(request, cancellationToken);
    }

    public ValueTask<bool> RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        Fail();
        return inner.RevokeFamilyAsync(familyId, now, cancellationToken);
    }

    public ValueTask<int> RevokeSubjectAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        Fail();
        return inner.RevokeSubjectAsync(subject, now, cancellationToken);
    }

    private void Fail()
    {
        if (Down)
        {
            throw new TimeoutException("store down");
        }
    }
}

internal sealed class ListLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId, formatter(state, exception)));
}
