using System;
using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Stateless.Runtime;

namespace Stateless.Runtime.Tests;

/// <summary>Concurrent rotations of one token: the store's rotate-and-check step must be atomic.</summary>
public sealed class RotationRaceTests
{
    private const int Trials = 300;
    private const int Contenders = 8;

    private static async Task<RefreshResult[]> Race(Func<int, ValueTask<RefreshResult>> contender, int contenders = Contenders)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, contenders).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await contender(i);
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task Of_concurrent_rotations_of_one_token_exactly_one_wins()
    {
        var time = new FakeTimeProvider(TokenForge.Start);
        var rotator = new RefreshTokenRotator(new InMemoryRefreshTokenStore(), new RefreshTokenOptions(), time);
        for (int trial = 0; trial < Trials; trial++)
        {
            var issued = await rotator.IssueAsync("user" + trial);
            var results = await Race(_ => rotator.RotateAsync(issued.Token));

            var winner = Assert.Single(results, r => r.Status == RefreshStatus.Rotated);
            Assert.All(results.Where(r => r != winner), r => Assert.Equal(RefreshStatus.ReuseDetected, r.Status));

            // The losers presented a spent token: the family is revoked, the winner's new token included.
            Assert.Equal(RefreshStatus.Revoked, (await rotator.RotateAsync(winner.NewToken!)).Status);
        }
    }

    [Fact]
    public async Task Thief_and_client_racing_always_end_with_the_family_revoked()
    {
        var time = new FakeTimeProvider(TokenForge.Start);
        var rotator = new RefreshTokenRotator(new InMemoryRefreshTokenStore(), new RefreshTokenOptions(), time);
        for (int trial = 0; trial < Trials; trial++)
        {
            var stolen = await rotator.IssueAsync("victim" + trial);
            var current = (await rotator.RotateAsync(stolen)).NewToken!;

            // The client rotates its current token while the thief replays the stolen, already-rotated one.
            var results = await Race(i => rotator.RotateAsync(i == 0 ? current.Token : stolen.Token), 2);

            Assert.Equal(RefreshStatus.ReuseDetected, results[1].Status);
            Assert.Contains(results[0].Status, new[] { RefreshStatus.Rotated, RefreshStatus.Revoked });
            if (results[0].Status == RefreshStatus.Rotated)
            {
                Assert.Equal(RefreshStatus.Revoked, (await rotator.RotateAsync(results[0].NewToken!)).Status);
            }

            Assert.Equal(
                results[0].Status == RefreshStatus.Rotated ? RefreshStatus.ReuseDetected : RefreshStatus.Revoked,
                (await rotator.RotateAsync(current)).Status);
        }
    }

    [Fact]
    public async Task With_a_grace_period_concurrent_retries_all_receive_the_same_successor()
    {
        var time = new FakeTimeProvider(TokenForge.Start);
        var rotator = new RefreshTokenRotator(new InMemoryRefreshTokenStore(), new RefreshTokenOptions { ReuseGracePeriod = TimeSpan.FromSeconds(5) }, time);
        for (int trial = 0; trial < 100; trial++)
        {
            var issued = await rotator.IssueAsync("user" + trial);
            var results = await Race(_ => rotator.RotateAsync(issued.Token));

            Assert.All(results, r => Assert.Equal(RefreshStatus.Rotated, r.Status));
            Assert.Single(results.Select(r => r.NewToken!.Token).Distinct());
            Assert.Equal(RefreshStatus.Rotated, (await rotator.RotateAsync(results[0].NewToken!)).Status);
        }
    }

    [Fact]
    public async Task Concurrent_rotation_and_subject_revocation_leave_nothing_usable()
    {
        var time = new FakeTimeProvider(TokenForge.Start);
        var rotator = new RefreshTokenRotator(new InMemoryRefreshTokenStore(), new RefreshTokenOptions(), time);
        for (int trial = 0; trial < 100; trial++)
        {
            string subject = "s" + trial;
            var issued = await rotator.IssueAsync(subject);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var rotate = Task.Run(async () => { await start.Task; return await rotator.RotateAsync(issued.Token); });
            var revoke = Task.Run(async () => { await start.Task; await rotator.RevokeSubjectAsync(subject); });
            start.SetResult();
            await Task.WhenAll(rotate, revoke);

            var result = await rotate;
            Assert.Contains(result.Status, new[] { RefreshStatus.Rotated, RefreshStatus.Revoked });
            if (result.NewToken is { } next)
            {
                Assert.Equal(RefreshStatus.Revoked, (await rotator.RotateAsync(next)).Status);
            }
        }
    }

    [Fact]
    public async Task The_race_harness_catches_a_store_that_checks_then_acts()
    {
        // A store whose check and write are separate steps: the same harness must see two winners.
        var rotator = new RefreshTokenRotator(new CheckThenActStore(), new RefreshTokenOptions(), new FakeTimeProvider(TokenForge.Start));
        int trialsWithSeveralWinners = 0;
        for (int trial = 0; trial < 50; trial++)
        {
            var issued = await rotator.IssueAsync("user" + trial);
            var results = await Race(_ => rotator.RotateAsync(issued.Token));
            if (results.Count(r => r.Status == RefreshStatus.Rotated) > 1)
            {
                trialsWithSeveralWinners++;
            }
        }

        Assert.True(trialsWithSeveralWinners > 0, "the race harness never ran two rotations concurrently");
    }

    /// <summary>Deliberately broken: reads, yields, then writes.</summary>
    private sealed class CheckThenActStore : IRefreshTokenStore
    {
        private readonly ConcurrentDictionary<string, bool> _spent = new(StringComparer.Ordinal);

        public ValueTask CreateFamilyAsync(RefreshTokenFamily family, RefreshTokenRecord firstToken, CancellationToken cancellationToken = default)
        {
            _spent[firstToken.TokenHash] = false;
            return ValueTask.CompletedTask;
        }

        public async ValueTask<RefreshRotationResult> RotateAsync(RefreshRotationRequest request, CancellationToken cancellationToken = default)
        {
            if (!_spent.TryGetValue(request.PresentedTokenHash, out bool spent))
            {
                return new RefreshRotationResult { Outcome = RefreshRotationOutcome.NotFound };
            }

            if (spent)
            {
                return new RefreshRotationResult { Outcome = RefreshRotationOutcome.ReuseDetected, Subject = "s" };
            }

            await Task.Delay(1, cancellationToken);
            _spent[request.PresentedTokenHash] = true;
            _spent[request.Successor.TokenHash] = false;
            return new RefreshRotationResult { Outcome = RefreshRotationOutcome.Rotated, Subject = "s", SuccessorExpiresAt = request.Successor.ExpiresAt };
        }

        public ValueTask<bool> RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

        public ValueTask<int> RevokeSubjectAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken = default) => ValueTask.FromResult(0);
    }
}
