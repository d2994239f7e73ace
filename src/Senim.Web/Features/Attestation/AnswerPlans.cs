using Microsoft.Extensions.Caching.Memory;

namespace Senim.Web.Features.Attestation;

/// <summary>What saving an answer needs to know about an attempt and never changes once it has started: whose it is,
/// its deadline, and for each drawn question the order its options are shown in.</summary>
public sealed record AttemptPlan(Guid EmployeeId, DateTime Deadline, IReadOnlyDictionary<Guid, int[]> OptionOrders);

/// <summary>What marking an answer needs to know about a question, as of <see cref="UpdatedAt"/>.</summary>
public sealed record QuestionPlan(DateTime UpdatedAt, ScoringQuestion Scoring);

/// <summary>
/// The immutable part of an answer save, kept in memory so that a save on a testing day is one write and no reads
/// (bench/attestation/run.sh: 400 saves/s on two cores). Nothing here decides on its own whether an answer counts:
/// <list type="bullet">
/// <item>An attempt's owner, deadline and drawn questions (with their option order) are written once when it starts and
/// never updated, so an entry cannot go stale. Whether the attempt still runs (finished, time up) is never cached: the
/// write itself checks it, under the attempt's row lock.</item>
/// <item>A question's kind, points, truth and options can change by a bank import (only while no attempt has drawn it;
/// <see cref="BankService"/> refuses structural changes after that) or another edit; every edit moves the question's
/// UpdatedAt, and the write checks that UpdatedAt is still the one the mark was computed from. If not, nothing is
/// written and the save is marked again from fresh data (<see cref="Forget"/>).</item>
/// </list>
/// Per node: several Senim nodes each keep their own, which is correct for the same reasons.
/// </summary>
public sealed class AnswerPlans : IDisposable
{
    // About 3 KB per attempt of 40 questions: 100,000 attempts is ~300 MB at most; a testing day of 2,000 is ~6 MB.
    private readonly MemoryCache _attempts = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly MemoryCache _questions = new(new MemoryCacheOptions { SizeLimit = 50_000 });
    private static readonly MemoryCacheEntryOptions AttemptEntry = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) };
    private static readonly MemoryCacheEntryOptions QuestionEntry = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) };

    /// <summary>The attempt's plan, or null when there is no such attempt.</summary>
    public async Task<AttemptPlan?> AttemptAsync(SenimDb db, Guid attemptId, CancellationToken ct)
    {
        if (_attempts.TryGetValue(attemptId, out AttemptPlan? plan)) return plan;
        var head = await (from a in db.Set<Attempt>()
                          join c in db.AttestationCandidates on a.CandidateId equals c.Id
                          where a.Id == attemptId
                          select new { c.EmployeeId, a.Deadline }).AsNoTracking().FirstOrDefaultAsync(ct);
        if (head is null) return null;
        var drawn = await db.Set<AttemptQuestion>().AsNoTracking().Where(d => d.AttemptId == attemptId)
            .Select(d => new { d.QuestionId, d.OptionOrder }).ToListAsync(ct);
        plan = new AttemptPlan(head.EmployeeId, head.Deadline, drawn.ToDictionary(d => d.QuestionId, d => Order(d.OptionOrder)));
        // Warm the questions of this attempt in one go (the first save of each attempt would otherwise read one at a time).
        await QuestionsAsync(db, [.. plan.OptionOrders.Keys], ct);
        _attempts.Set(attemptId, plan, AttemptEntry);
        return plan;
    }

    /// <summary>The question's scoring data; null when it does not exist.</summary>
    public async Task<QuestionPlan?> QuestionAsync(SenimDb db, Guid questionId, CancellationToken ct)
    {
        if (_questions.TryGetValue(questionId, out QuestionPlan? plan)) return plan;
        return (await QuestionsAsync(db, [questionId], ct)).GetValueOrDefault(questionId);
    }

    /// <summary>Drops a question whose UpdatedAt no longer matches the database.</summary>
    public void Forget(Guid questionId) => _questions.Remove(questionId);

    private async Task<Dictionary<Guid, QuestionPlan>> QuestionsAsync(SenimDb db, List<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, QuestionPlan>();
        var missing = new List<Guid>();
        foreach (var id in ids)
        {
            if (_questions.TryGetValue(id, out QuestionPlan? known)) result[id] = known!;
            else missing.Add(id);
        }
        if (missing.Count == 0) return result;
        var questions = await db.Set<Question>().AsNoTracking().Where(q => missing.Contains(q.Id))
            .Select(q => new { q.Id, q.Kind, q.Points, q.Truth, q.UpdatedAt }).ToListAsync(ct);
        var options = (await db.Set<QuestionOption>().AsNoTracking().Where(o => missing.Contains(o.QuestionId))
            .Select(o => new { o.QuestionId, o.Index, o.Fraction, o.Value, o.Tolerance }).ToListAsync(ct)).ToLookup(o => o.QuestionId);
        foreach (var q in questions)
        {
            IReadOnlyList<(double, double?, double?)> opts = q.Kind == QuestionKind.TrueFalse ? []
                : [.. options[q.Id].OrderBy(o => o.Index).Select(o => (o.Fraction, o.Value, o.Tolerance))];
            var plan = new QuestionPlan(q.UpdatedAt, new ScoringQuestion(q.Kind, q.Points, q.Truth, opts));
            _questions.Set(q.Id, plan, QuestionEntry);
            result[q.Id] = plan;
        }
        return result;
    }

    internal static int[] Order(string optionOrder) =>
        optionOrder.Length == 0 ? [] : [.. optionOrder.Split(',').Select(s => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture))];

    public void Dispose()
    {
        _attempts.Dispose();
        _questions.Dispose();
    }
}
