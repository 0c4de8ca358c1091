using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Stateless.Runtime.Redis.Tests;

/// <summary>
/// The behaviour every <see cref="IRefreshTokenStore"/> owes <see cref="RefreshTokenRotator"/>, as its XML docs state it.
/// Run against the in-memory store (the reference) and the Redis store, so both agree.
/// </summary>
public abstract class RefreshTokenStoreContract
{
    protected static readonly DateTimeOffset Start = new(2031, 3, 14, 9, 26, 53, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>A fresh, empty store (its own key prefix for a shared backend).</summary>
    protected abstract IRefreshTokenStore CreateStore();

    private RefreshTokenRotator Rotator(IRefreshTokenStore store, TimeSpan? grace = null, TimeSpan? lifetime = null, TimeSpan? absolute = null) =>
        new(store, new RefreshTokenOptions
        {
            Lifetime = lifetime ?? TimeSpan.FromDays(14),
            AbsoluteLifetime = absolute ?? TimeSpan.FromDays(90),
            ReuseGracePeriod = grace ?? TimeSpan.Zero,
        }, Time);

    [Fact]
    public async Task Issue_then_rotate_returns_a_new_token_of_the_same_family()
    {
        var rotator = Rotator(CreateStore());
        var issued = await rotator.IssueAsync("alice");
        Assert.Equal(Start + TimeSpan.FromDays(14), issued.ExpiresAt);

        Time.Advance(TimeSpan.FromMinutes(15));
        var result = await rotator.RotateAsync(issued.Token);

        Assert.Equal(RefreshStatus.Rotated, result.Status);
        Assert.NotNull(result.NewToken);
        Assert.NotEqual(issued.Token, result.NewToken!.Token);
        Assert.Equal(issued.FamilyId, result.NewToken.FamilyId);
        Assert.Equal(issued.FamilyId, result.FamilyId);
        Assert.Equal("alice", result.Subject);
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromDays(14), result.NewToken.ExpiresAt);
    }

    [Fact]
    public async Task A_chain_of_rotations_each_spends_its_predecessor()
    {
        var rotator = Rotator(CreateStore());
        string token = (await rotator.IssueAsync("alice")).Token;
        var spent = new System.Collections.Generic.List<string>();
        for (int i = 0; i < 6; i++)
        {
            Time.Advance(TimeSpan.FromMinutes(10));
            var result = await rotator.RotateAsync(token);
            Assert.Equal(RefreshStatus.Rotated, result.Status);
            spent.Add(token);
            token = result.NewToken!.Token;
        }

        Assert.Equal(6, spent.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(RefreshStatus.Rotated, (await rotator.RotateAsync(token)).Status);
    }

    [Fact]
    public async Task Presenting_a_rotated_token_again_is_reuse_and_revokes_the_newest_token_too()
    {
        var rotator = Rotator(CreateStore());
        var issued = await rotator.IssueAsync("alice");
        var first = await rotator.RotateAsync(issued.Token);
        var second = await rotator.RotateAsync(first.NewToken!.Token);
        Assert.Equal(RefreshStatus.Rotated, second.Status);

        var reuse = await rotator.RotateAsync(issued.Token);
        Assert.Equal(RefreshStatus.ReuseDetected, reuse.Status);
        Assert.Equal("alice", reuse.Subject);
        Assert.Null(reuse.NewToken);

        Assert.Equal(RefreshStatus.Revoked, (await rotator.RotateAsync(second.NewToken!.Token)).Status);

        // A spent token is always reported as reuse, also once the family is revoked.
        Assert.Equal(RefreshStatus.ReuseDetected, (await rotator.RotateAsync(first.NewToken.Token)).Status);
        Assert.Equal(RefreshStatus.ReuseDetected, (await rotator.RotateAsync(issued.Token)).Status);
    }

    [Fact]
    public async Task Reuse_revokes_only_that_family()
    {
        var store = CreateStore();
        var rotator = Rotator(store);
        var stolen = await rotator.IssueAsync("alice");
        var other = await rotator.IssueAsync("alice");
        await rotator.RotateAsync(stolen.Token);
        Assert.Equal(RefreshStatus.ReuseDetected, (await rotator.RotateAsync(stolen.Token)).Status);

        Assert.Equal(RefreshStatus.Rotated, (await rotator.RotateAsync(other.Token)).Status);
    }

    [Fact]
    public async Task A_retry_inside_the_grace_period_gets_the_same_successor()
    {
        var rotator = Rotator(CreateStore(), grace: TimeSpan.FromSeconds(10));
        var issued = await rotator.IssueAsync("alice");
        var first = await rotator.RotateAsync(issued.Token);

        Time.Advance(TimeSpan.FromSeconds(10));
        var retry = await rotator.RotateAsync(issued.Token);

        Assert.Equal(RefreshStatus.Rotated, retry.Status);
        Assert.Equal(first.NewToken!.Token, retry.NewToken!.Token);
        Assert.Equal(first.NewToken.ExpiresAt, retry.NewToken.ExpiresAt);
        Assert.Equal(RefreshStatus.Rotated, (await rotator.RotateAsync(first.NewToken.Token)).Status);
    }

    [Fact]
    public async Task A_replay_on_a_replica_with_a_grace_period_of_a_token_rotated_without_one_is_reuse()
    {
        // A rolling deploy turns the grace period on: replica A (old settings) rotated, replica B (new) sees the replay.
        var store = CreateStore();
        var without = Rotator(store);
        var with = Rotator(store, grace: TimeSpan.FromSeconds(30));
        var issued = await without.IssueAsync("alice");
        var first = await without.RotateAsync(issued.Token);

        Time.Advance(TimeSpan.FromSeconds(1));
        var replay = await with.RotateAsync(issued.Token);
        Assert.Equal(RefreshStatus.ReuseDetected, replay.Status);
        Assert.Equal("alice", replay.Subject);
        Assert.Null(replay.NewToken);
        Assert.Equal(RefreshStatus.Revoked, (await with.RotateAsync(first.NewToken!.Token)).Status);
        Assert.Equal(RefreshStatus.Revoked, (await without.RotateAsync(first.NewToken.Token)).Status);
    }

    [Fact]
    public async Task A_replay_on_a_replica_without_a_grace_period_of_a_token_rotated_with_one_is_reuse()
    {
        var store = CreateStore();
        var with = Rotator(store, grace: TimeSpan.FromSeconds(30));
        var without = Rotator(store);
        var issued = await with.IssueAsync("alice");
        var first = await with.RotateAsync(issued.Token);

        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(RefreshStatus.ReuseDetected, (await without.RotateAsync(issued.Token)).Status);
        Assert.Equal(RefreshStatus.Revoked, (await with.RotateAsync(first.NewToken!.Token)).Status);
    }

    [Fact]
    public async Task A_retry_after_the_grace_period_is_reuse()
    {
        var rotator = Rotator(CreateStore(), grace: TimeSpan.FromSeconds(10));
        var issued = await rotator.IssueAsync("alice");
        var first = await rotator.RotateAsync(issued.Token);

        Time.Advance(TimeSpan.FromSeconds(10) + TimeSpan.FromTicks(1));
        Assert.Equal(RefreshStatus.ReuseDetected, (await rotator.RotateAsync(issued.Token)).Status);
        Assert.Equal(RefreshStatus.Revoked, (await rotator.RotateAsync(first.NewToken!.Token)).Status);
    }

    [Fact]
    public async Task A_retry_after_the_successor_rotated_is_reuse_even_inside_the_grace_period()
    {
        var rotator = Rotator(CreateStore(), grace: TimeSpan.FromSeconds(30));
        var issued = await rotator.IssueAsync("alice");
        var first = await rotator.RotateAsync(issued.Token);
        var second = await rotator.RotateAsync(first.NewToken!.Token);

        Assert.Equal(RefreshStatus.ReuseDetected, (await rotator.RotateAsync(issued.Token)).Status);
        Assert.Equal(RefreshStatus.Revoked, (await rotator.RotateAsync(second.NewToken!.Token)).Status);
    }

    [Fact]
    public async Task The_grace_period_does_not_cover_a_revoked_family()
    {
        var rotator = Rotator(CreateStore(), grace: TimeSpan.FromSeconds(30));
        var issued = await rotator.IssueAsync("alice");
        var first = await rotator.RotateAsync(issued.Token);
        await rotator.RevokeFamilyAsync(issued.FamilyId);

        Assert.Equal(RefreshStatus.ReuseDetected, (await rotator.RotateAsync(issued.Token)).Status);
        Assert.Equal(RefreshStatus.Revoked, (await rotator.RotateAsync(first.NewToken!.Token)).Status);
    }

    [Fact]
    public async Task The_grace_period_does_not_hand_out_an_expired_successor()
    {
        var rotator = Rotator(CreateStore(), grace: TimeSpan.FromSeconds(30), lifetime: TimeSpan.FromSeconds(10));
        var issued = await rotator.IssueAsync("alice");
        Time.Advance(TimeSpan.FromSeconds(5));
        var first = await rotator.RotateAsync(issued.Token);
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromSeconds(10), first.NewToken!.ExpiresAt);

        Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(RefreshStatus.ReuseDetected, (await rotator.RotateAsync(issued.Token)).Status);
    }

    [Fact]
    public async Task Without_a_grace_period_an_immediate_retry_is_reuse()
    {
        var rotator = Rotator(CreateStore());
        var issued = await rotator.IssueAsync("alice");
        await rotator.RotateAsync(issued.Token);
        Assert.Equal(RefreshStatus.ReuseDetected, (await rotator.RotateAsync(issued.Token)).Status);
    }

    [Fact]
    public async Task A_token_past_its_lifetime_is_expired_and_one_just_before_is_not()
    {
        var rotator = Rotator(CreateStore(), lifetime: TimeSpan.FromHours(1));
        var early = await rotator.IssueAsync("alice");
        var late = await rotator.IssueAsync("alice");

        Time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
        Assert.Equal(RefreshStatus.Rotated, (await rotator.RotateAsync(early.Token)).Status);

        Time.Advance(TimeSpan.FromTicks(1));
        var expired = await rotator.RotateAsync(late.Token);
        Assert.Equal(RefreshStatus.Expired, expired.Status);
        Assert.Equal("alice", expired.Subject);
    }

    [Fact]
    public async Task Rotation_never_extends_a_family_past_its_absolute_lifetime()
    {
        var rotator = Rotator(CreateStore(), lifetime: TimeSpan.FromHours(10), absolute: TimeSpan.FromHours(24));
        var issued = await rotator.IssueAsync("alice");
        var familyEnd = Start + TimeSpan.FromHours(24);

        Time.Advance(TimeSpan.FromHours(9));
        var first = await rotator.RotateAsync(issued.Token);
        Assert.Equal(RefreshStatus.Rotated, first.Status);
        Assert.Equal(Start + TimeSpan.FromHours(19), first.NewToken!.ExpiresAt);

        Time.Advance(TimeSpan.FromHours(9));
        var rotated = await rotator.RotateAsync(first.NewToken.Token);
        Assert.Equal(RefreshStatus.Rotated, rotated.Status);
        Assert.Equal(familyEnd, rotated.NewToken!.ExpiresAt);

        Time.Advance(TimeSpan.FromHours(6));
        var after = await rotator.RotateAsync(rotated.NewToken.Token);
        Assert.Equal(RefreshStatus.Expired, after.Status);
        Assert.Equal("alice", after.Subject);

        // Past the absolute expiry a spent token is expired, or already forgotten (its own expiry passed long ago):
        // never reuse, never a rotation.
        Assert.Contains((await rotator.RotateAsync(issued.Token)).Status, new[] { RefreshStatus.Expired, RefreshStatus.Invalid });
    }

    [Fact]
    public async Task The_first_token_is_capped_by_the_absolute_lifetime()
    {
        var rotator = Rotator(CreateStore(), lifetime: TimeSpan.FromDays(30), absolute: TimeSpan.FromDays(7));
        var issued = await rotator.IssueAsync("alice");
        Assert.Equal(Start + TimeSpan.FromDays(7), issued.ExpiresAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Malformed_or_unknown_tokens_are_invalid(string token)
    {
        var rotator = Rotator(CreateStore());
        var result = await rotator.RotateAsync(token);
        Assert.Equal(RefreshStatus.Invalid, result.Status);
        Assert.Null(result.NewToken);
    }

    [Fact]
    public async Task A_forged_secret_in_a_real_family_is_invalid_and_revokes_nothing()
    {
        var rotator = Rotator(CreateStore());
        var issued = await rotator.IssueAsync("alice");
        var forged = issued.FamilyId + "." + new string('A', 43);

        Assert.Equal(RefreshStatus.Invalid, (await rotator.RotateAsync(forged)).Status);
        Assert.Equal(RefreshStatus.Rotated, (await rotator.RotateAsync(issued.Token)).Status);
    }

    [Fact]
    public async Task RevokeFamily_stops_the_current_token_and_spares_other_families()
    {
        var rotator = Rotator(CreateStore());
        var revoked = await rotator.IssueAsync("alice");
        var kept = await rotator.IssueAsync("alice");
        var rotated = await rotator.RotateAsync(revoked.Token);

        await rotator.RevokeFamilyAsync(revoked.FamilyId);

        var result = await rotator.RotateAsync(rotated.NewToken!.Token);
        Assert.Equal(RefreshStatus.Revoked, result.Status);
        Assert.Equal("alice", result.Subject);
        Assert.Equal(RefreshStatus.Rotated, (await rotator.RotateAsync(kept.Token)).Status);
    }

    [Fact]
    public async Task RevokeSubject_logs_out_every_family_of_that_subject_only()
    {
        var store = CreateStore();
        var rotator = Rotator(store);
        var a1 = await rotator.IssueAsync("alice");
        var a2 = await rotator.IssueAsync("alice");
        var a3 = await rotator.IssueAsync("alice");
        var b = await rotator.IssueAsync("bob");
        var a1Next = (await rotator.RotateAsync(a1.Token)).NewToken!;

        Assert.Equal(3, await store.RevokeSubjectAsync("alice", Time.GetUtcNow()));
        Assert.Equal(0, await store.RevokeSubjectAsync("alice", Time.GetUtcNow()));

        Assert.Equal(RefreshStatus.Revoked, (await rotator.RotateAsync(a1Next.Token)).Status);
        Assert.Equal(RefreshStatus.Revoked, (await rotator.RotateAsync(a2.Token)).Status);
        Assert.Equal(RefreshStatus.Revoked, (await rotator.RotateAsync(a3.Token)).Status);
        Assert.Equal(RefreshStatus.Rotated, (await rotator.RotateAsync(b.Token)).Status);

        var later = await rotator.IssueAsync("alice");
        Assert.Equal(RefreshStatus.Rotated, (await rotator.RotateAsync(later.Token)).Status);
    }

    [Fact]
    public async Task RevokeSubject_through_the_rotator_and_for_an_unknown_subject()
    {
        var store = CreateStore();
        var rotator = Rotator(store);
        var issued = await rotator.IssueAsync("carol");
        await rotator.RevokeSubjectAsync("nobody");
        Assert.Equal(0, await store.RevokeSubjectAsync("nobody", Time.GetUtcNow()));

        await rotator.RevokeSubjectAsync("carol");
        Assert.Equal(RefreshStatus.Revoked, (await rotator.RotateAsync(issued.Token)).Status);
    }

    [Fact]
    public async Task RevokeFamily_reports_unknown_families()
    {
        var store = CreateStore();
        var rotator = Rotator(store);
        var issued = await rotator.IssueAsync("alice");
        Assert.False(await store.RevokeFamilyAsync("AAAAAAAAAAAAAAAAAAAAAA", Time.GetUtcNow()));
        Assert.True(await store.RevokeFamilyAsync(issued.FamilyId, Time.GetUtcNow()));
        Assert.True(await store.RevokeFamilyAsync(issued.FamilyId, Time.GetUtcNow()));
    }

    [Fact]
    public async Task Creating_a_family_twice_throws()
    {
        var store = CreateStore();
        var family = new RefreshTokenFamily { FamilyId = "BBBBBBBBBBBBBBBBBBBBBB", Subject = "alice", CreatedAt = Start, AbsoluteExpiresAt = Start.AddDays(1) };
        var token = new RefreshTokenRecord { TokenHash = RefreshTokenHasher.Hash("x"), FamilyId = family.FamilyId, IssuedAt = Start, ExpiresAt = Start.AddHours(1) };
        await store.CreateFamilyAsync(family, token);
        var again = new RefreshTokenRecord { TokenHash = RefreshTokenHasher.Hash("y"), FamilyId = family.FamilyId, IssuedAt = Start, ExpiresAt = Start.AddHours(1) };
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateFamilyAsync(family, again).AsTask());
    }

    [Fact]
    public async Task Store_level_rotation_reports_every_outcome_with_the_subject()
    {
        var store = CreateStore();
        const string familyId = "CCCCCCCCCCCCCCCCCCCCCC";
        var family = new RefreshTokenFamily { FamilyId = familyId, Subject = "dave", CreatedAt = Start, AbsoluteExpiresAt = Start.AddDays(1) };
        string h0 = RefreshTokenHasher.Hash("t0"), h1 = RefreshTokenHasher.Hash("t1"), h2 = RefreshTokenHasher.Hash("t2");
        await store.CreateFamilyAsync(family, new RefreshTokenRecord { TokenHash = h0, FamilyId = familyId, IssuedAt = Start, ExpiresAt = Start.AddHours(2) });

        RefreshRotationRequest Request(string presented, string successor, TimeSpan grace) => new()
        {
            FamilyId = familyId,
            PresentedTokenHash = presented,
            Successor = new RefreshTokenRecord { TokenHash = successor, FamilyId = familyId, IssuedAt = Time.GetUtcNow(), ExpiresAt = Time.GetUtcNow().AddHours(2) },
            SealedSuccessor = new byte[] { 1, 2, 3, 4 },
            Now = Time.GetUtcNow(),
            ReuseGracePeriod = grace,
        };

        Assert.Equal(RefreshRotationOutcome.NotFound, (await store.RotateAsync(Request(RefreshTokenHasher.Hash("nope"), h1, TimeSpan.Zero))).Outcome);
        Assert.Null((await store.RotateAsync(Request(RefreshTokenHasher.Hash("nope"), h1, TimeSpan.Zero))).Subject);

        var rotated = await store.RotateAsync(Request(h0, h1, TimeSpan.Zero));
        Assert.Equal(RefreshRotationOutcome.Rotated, rotated.Outcome);
        Assert.Equal("dave", rotated.Subject);
        Assert.Equal(Start.AddHours(2), rotated.SuccessorExpiresAt);

        Time.Advance(TimeSpan.FromSeconds(1));
        var replay = await store.RotateAsync(Request(h0, h2, TimeSpan.FromSeconds(5)));
        Assert.Equal(RefreshRotationOutcome.GraceReplay, replay.Outcome);
        Assert.Equal("dave", replay.Subject);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, replay.SealedSuccessor.ToArray());
        Assert.Equal(Start.AddHours(2), replay.SuccessorExpiresAt);

        // The replay wrote nothing: h2 was not inserted, h1 is still current.
        Assert.Equal(RefreshRotationOutcome.NotFound, (await store.RotateAsync(Request(h2, RefreshTokenHasher.Hash("t3"), TimeSpan.Zero))).Outcome);

        var reuse = await store.RotateAsync(Request(h0, h2, TimeSpan.Zero));
        Assert.Equal(RefreshRotationOutcome.ReuseDetected, reuse.Outcome);
        Assert.Equal("dave", reuse.Subject);

        var revoked = await store.RotateAsync(Request(h1, h2, TimeSpan.Zero));
        Assert.Equal(RefreshRotationOutcome.Revoked, revoked.Outcome);
        Assert.Equal("dave", revoked.Subject);
    }

    [Fact]
    public async Task Concurrent_rotations_of_one_token_have_exactly_one_winner()
    {
        var store = CreateStore();
        var rotator = Rotator(store);
        for (int trial = 0; trial < 25; trial++)
        {
            var issued = await rotator.IssueAsync("alice");
            var attempts = Enumerable.Range(0, 4).Select(_ => Task.Run(() => rotator.RotateAsync(issued.Token).AsTask())).ToArray();
            var results = await Task.WhenAll(attempts);
            // One wins; every other call sees the token spent: reuse, and the family is revoked.
            Assert.Equal(1, results.Count(r => r.Status == RefreshStatus.Rotated));
            Assert.Equal(3, results.Count(r => r.Status == RefreshStatus.ReuseDetected));
            var winner = results.Single(r => r.Status == RefreshStatus.Rotated);
            Assert.Equal(RefreshStatus.Revoked, (await rotator.RotateAsync(winner.NewToken!.Token)).Status);
        }
    }
}

/// <summary>The contract on the embedded store: the reference the Redis store is held to.</summary>
public sealed class InMemoryRefreshTokenStoreContractTests : RefreshTokenStoreContract
{
    protected override IRefreshTokenStore CreateStore() => new InMemoryRefreshTokenStore();
}
