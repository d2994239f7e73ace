using Npgsql;
using Senim.Web.Features.Audit;

namespace Senim.Web.Features.Attestation;

public sealed record OptionView(int Position, string Text);

public sealed record QuestionView(int Position, Guid QuestionId, QuestionKind Kind, string Text, double MaxMark, IReadOnlyList<OptionView> Options,
    IReadOnlyList<int>? ChosenPositions, bool? Truth, double? Value, int Revision)
{
    public bool Answered => Revision > 0;
}

/// <summary>An attempt as its candidate sees it: the questions in their order and language, what is saved, and the
/// server's remaining time. Marks of single questions are never shown while the attempt runs.</summary>
public sealed record AttemptView(Attempt Attempt, Guid CampaignId, IReadOnlyList<QuestionView> Questions, TimeSpan Remaining)
{
    public bool Finished => Attempt.FinishedAt is not null;
    public int AnsweredCount => Questions.Count(q => q.Answered);
}

public sealed record TestSpecRow(Topic Topic, int Count, int Usable);

/// <summary>Stage 2: the test specification, starting an attempt (the draw), saving answers one at a time against the
/// server's clock, finishing and scoring. The clock is <see cref="TimeProvider"/>: tests move it; nothing trusts the browser.</summary>
public sealed class TestService(SenimDb db, AuditLog audit, TimeProvider clock, CampaignService campaigns, AnswerPlans plans)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // ---- specification ----

    public async Task<IReadOnlyList<TestSpecRow>> SpecAsync(Guid campaignId, CancellationToken ct = default)
    {
        var topics = await db.Set<Topic>().AsNoTracking().OrderBy(t => t.Code).ToListAsync(ct);
        var counts = await db.Set<SpecTopic>().AsNoTracking().Where(s => s.CampaignId == campaignId).ToDictionaryAsync(s => s.TopicId, s => s.Count, ct);
        var usable = await db.Set<Question>().AsNoTracking().Where(q => q.IsActive && q.TextKk != null && q.TextRu != null)
            .GroupBy(q => q.TopicId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return [.. topics.Select(t => new TestSpecRow(t, counts.GetValueOrDefault(t.Id), usable.GetValueOrDefault(t.Id)))];
    }

    /// <summary>N per topic (0 leaves the topic out). Each N must not exceed the topic's usable questions (active, in both
    /// languages); at least one question in all. Fixed once any candidate has started.</summary>
    public async Task<Outcome> SaveSpecAsync(Guid campaignId, IReadOnlyDictionary<Guid, int> counts, CancellationToken ct = default)
    {
        if (!await db.AttestationCampaigns.AnyAsync(c => c.Id == campaignId, ct)) return Outcome.NotFound("Attestation.NotFound");
        if (await db.Set<Attempt>().AnyAsync(a => db.AttestationCandidates.Any(c => c.Id == a.CandidateId && c.CampaignId == campaignId), ct))
            return Outcome.Conflict("Attestation.SpecFixed");
        var rows = await SpecAsync(campaignId, ct);
        foreach (var (topic, n) in counts)
        {
            var row = rows.FirstOrDefault(r => r.Topic.Id == topic);
            if (row is null || n < 0) return Outcome.Invalid("Validation.Choice");
            if (n > row.Usable) return Outcome.Invalid("Attestation.SpecTooMany", row.Topic.Code, row.Usable);
        }
        if (counts.Values.Sum() < 1) return Outcome.Invalid("Attestation.SpecEmpty");
        var before = await db.Set<SpecTopic>().Where(s => s.CampaignId == campaignId).ToListAsync(ct);
        db.RemoveRange(before);
        foreach (var (topic, n) in counts.Where(c => c.Value > 0)) db.Add(new SpecTopic { CampaignId = campaignId, TopicId = topic, Count = n });
        audit.Record("attestation.spec.save", AttestationAudit.Spec, campaignId,
            before.ToDictionary(s => s.TopicId.ToString(), s => s.Count), counts.Where(c => c.Value > 0).ToDictionary(c => c.Key.ToString(), c => c.Value));
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    // ---- attempts ----

    /// <summary>Starts the candidate's next attempt, or returns the running one (a reconnect, a double click). Refused
    /// when stage 2 is not open to them, or the bank cannot satisfy the specification.</summary>
    public async Task<Outcome> StartAsync(Guid candidateId, Guid employeeId, string language, CancellationToken ct = default)
    {
        if (language is not ("kk" or "ru")) return Outcome.Invalid("Attestation.ChooseLanguage");
        var candidate = await db.AttestationCandidates.AsNoTracking().FirstOrDefaultAsync(c => c.Id == candidateId && c.EmployeeId == employeeId, ct);
        if (candidate is null) return Outcome.NotFound("Attestation.NotFound");
        await FinishExpiredAsync(candidateId, ct);
        var running = await db.Set<Attempt>().AsNoTracking().FirstOrDefaultAsync(a => a.CandidateId == candidateId && a.FinishedAt == null, ct);
        if (running is not null) return Outcome.Created(running.Id);
        var campaign = await db.AttestationCampaigns.AsNoTracking().FirstAsync(c => c.Id == candidate.CampaignId, ct);
        if (campaign.Status != CampaignStatus.Active) return Outcome.Conflict("Attestation.NotActive");
        var route = (await campaigns.RoutesAsync([candidate], ct))[candidateId];
        if (route.Test is not (StageState.Awaiting or StageState.RetakeAllowed)) return Outcome.Conflict("Attestation.TestNotOpen");
        var today = clock.TodayKz();
        if ((campaign.TestFrom is { } from && today < from) || (campaign.TestTo is { } to && today > to)) return Outcome.Conflict("Attestation.TestOutsideDates");

        var spec = await db.Set<SpecTopic>().AsNoTracking().Where(s => s.CampaignId == campaign.Id).ToListAsync(ct);
        if (spec.Sum(s => s.Count) == 0) return Outcome.Conflict("Attestation.NoSpec");
        var topicIds = spec.Select(s => s.TopicId).ToList();
        var topics = await db.Set<Topic>().AsNoTracking().Where(t => topicIds.Contains(t.Id)).OrderBy(t => t.Code).ToListAsync(ct);
        var usable = await db.Set<Question>().AsNoTracking().Where(q => topicIds.Contains(q.TopicId) && q.IsActive && q.TextKk != null && q.TextRu != null)
            .Select(q => new { q.Id, q.TopicId, q.Kind, q.Points }).ToListAsync(ct);
        var usableIds = usable.Select(q => q.Id).ToList();
        var optionCounts = await db.Set<QuestionOption>().AsNoTracking().Where(o => usableIds.Contains(o.QuestionId)).GroupBy(o => o.QuestionId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var pool = topics.Select(t => (t.Id, (IReadOnlyList<(Guid, int)>)[.. usable.Where(q => q.TopicId == t.Id)
            .Select(q => (q.Id, q.Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice ? optionCounts.GetValueOrDefault(q.Id) : 0))])).ToList();
        IReadOnlyList<DrawnQuestion> drawn;
        try
        {
            drawn = TestDraw.Draw(pool, spec.ToDictionary(s => s.TopicId, s => s.Count));
        }
        catch (ArgumentException)
        {
            return Outcome.Conflict("Attestation.BankTooSmall");
        }
        var number = await db.Set<Attempt>().CountAsync(a => a.CandidateId == candidateId, ct) + 1;
        var points = usable.ToDictionary(q => q.Id, q => q.Points);
        var now = Now;
        var attempt = new Attempt
        {
            CandidateId = candidateId, Number = number, Language = language, StartedAt = now, Deadline = now.AddMinutes(campaign.TestMinutes),
            MaxScore = drawn.Sum(d => points[d.QuestionId]), PassPercent = campaign.TestPassPercent,
        };
        db.Add(attempt);
        foreach (var d in drawn)
        {
            db.Add(new AttemptQuestion
            {
                AttemptId = attempt.Id, Position = d.Position, QuestionId = d.QuestionId, Slot = d.Slot, MaxMark = points[d.QuestionId],
                OptionOrder = string.Join(",", d.OptionOrder.Select(i => i.ToString(CultureInfo.InvariantCulture))),
            });
        }
        audit.Record("attestation.test.start", AttestationAudit.Attempt, attempt.Id, null,
            new { CandidateId = candidateId, attempt.Number, attempt.Language, attempt.Deadline, Questions = drawn.Count, attempt.MaxScore });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two starts at once: the unique (candidate, number) index let one through; use it.
            db.ChangeTracker.Clear();
            var other = await db.Set<Attempt>().AsNoTracking().FirstOrDefaultAsync(a => a.CandidateId == candidateId && a.Number == number, ct);
            return other is null ? Outcome.Conflict("Attestation.Concurrent") : Outcome.Created(other.Id);
        }
        return Outcome.Created(attempt.Id);
    }

    /// <summary>The candidate's own attempt (finished first when its time is up).</summary>
    public async Task<AttemptView?> ViewAsync(Guid attemptId, Guid employeeId, CancellationToken ct = default)
    {
        var attempt = await OwnAsync(attemptId, employeeId, ct);
        if (attempt is null) return null;
        if (attempt.FinishedAt is null && Now >= attempt.Deadline)
        {
            await FinishAsync(attempt.Id, attempt.Deadline, ct);
            attempt = await db.Set<Attempt>().AsNoTracking().FirstAsync(a => a.Id == attemptId, ct);
        }
        var drawn = await db.Set<AttemptQuestion>().AsNoTracking().Where(a => a.AttemptId == attemptId).OrderBy(a => a.Position).ToListAsync(ct);
        var ids = drawn.Select(d => d.QuestionId).ToList();
        var questions = await db.Set<Question>().AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        var options = (await db.Set<QuestionOption>().AsNoTracking().Where(o => ids.Contains(o.QuestionId)).ToListAsync(ct)).ToLookup(o => o.QuestionId);
        var answers = await db.Set<Answer>().AsNoTracking().Where(a => a.AttemptId == attemptId).ToDictionaryAsync(a => a.QuestionId, ct);
        var kk = attempt.Language == "kk";
        var views = drawn.Select(d =>
        {
            var q = questions[d.QuestionId];
            var order = AnswerPlans.Order(d.OptionOrder);
            var opts = options[q.Id].OrderBy(o => o.Index).ToList();
            var shown = q.Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice
                ? order.Select((bank, position) => new OptionView(position, (kk ? opts[bank].TextKk : opts[bank].TextRu) ?? "")).ToList()
                : [];
            answers.TryGetValue(q.Id, out var a);
            IReadOnlyList<int>? chosen = null; bool? truth = null; double? value = null;
            if (a is not null)
            {
                switch (q.Kind)
                {
                    case QuestionKind.SingleChoice or QuestionKind.MultipleChoice:
                        var bank = a.Response.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture)).ToHashSet();
                        chosen = [.. order.Select((b, position) => (b, position)).Where(x => bank.Contains(x.b)).Select(x => x.position)];
                        break;
                    case QuestionKind.TrueFalse: truth = a.Response == "true"; break;
                    default: value = double.Parse(a.Response, NumberStyles.Float, CultureInfo.InvariantCulture); break;
                }
            }
            return new QuestionView(d.Position, q.Id, q.Kind, (kk ? q.TextKk : q.TextRu) ?? "", d.MaxMark, shown, chosen, truth, value, a?.Revision ?? 0);
        }).ToList();
        var candidate = await db.AttestationCandidates.AsNoTracking().FirstAsync(c => c.Id == attempt.CandidateId, ct);
        var remaining = attempt.FinishedAt is null ? attempt.Deadline - Now : TimeSpan.Zero;
        return new AttemptView(attempt, candidate.CampaignId, views, remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining);
    }

    private Task<Attempt?> OwnAsync(Guid attemptId, Guid employeeId, CancellationToken ct) =>
        db.Set<Attempt>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == attemptId && db.AttestationCandidates.Any(c => c.Id == a.CandidateId && c.EmployeeId == employeeId), ct);

    /// <summary>Saves one answer. <paramref name="revision"/> is the revision the candidate last saw for this question (0:
    /// none). Refused: not their attempt (404); the question is not in the attempt (422); the time is up (410) or the
    /// attempt finished (409), before any other reason; the answer does not fit the question (400); another save of the
    /// same question got in first (409: the stored revision is not the one named — the insert meets the primary key, or
    /// the conditional update finds another revision). The write touches the attempt row on condition that it still
    /// runs, in the same transaction as the answer, so a finish and an answer never interleave: the finish's own update
    /// of that row waits for the save's commit (and then counts the answer) or the save finds the attempt finished
    /// (and writes nothing).
    /// This is the hot path of a testing day (every candidate saves every few seconds; bench/attestation/run.sh, issue
    /// #7): what never changes (owner, deadline, drawn questions, the questions' marking) comes from
    /// <see cref="AnswerPlans"/>, and the save is one statement on PostgreSQL (<see cref="WritePostgresAsync"/>), one
    /// short transaction on SQLite. Refusals are rare; they read the attempt's state so that their order stays the one
    /// above.</summary>
    public async Task<Outcome> AnswerAsync(Guid attemptId, Guid employeeId, Guid questionId, AnswerInput input, int revision, CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // A question edited since it was cached (UpdatedAt moved) is marked again from fresh data; twice is plenty
            // (an edit needs a secretary's import), the third time the edit simply wins the race and the save is stale.
            for (var tries = 0; ; tries++)
            {
                var result = await SaveAnswerAsync(attemptId, employeeId, questionId, input, revision, ct);
                if (result is not null) return result;
                plans.Forget(questionId);
                if (tries == 2) return Outcome.Conflict("Attestation.AnswerStale");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>One try of <see cref="AnswerAsync"/>; null when the question changed since its plan was cached.</summary>
    private async Task<Outcome?> SaveAnswerAsync(Guid attemptId, Guid employeeId, Guid questionId, AnswerInput input, int revision, CancellationToken ct)
    {
        var attempt = await plans.AttemptAsync(db, attemptId, ct);
        if (attempt is null || attempt.EmployeeId != employeeId) return Outcome.NotFound("Attestation.NotFound");
        var now = Now;
        if (!attempt.OptionOrders.TryGetValue(questionId, out var order))
            return await NotRunningAsync(attemptId, now, ct) ?? new Outcome(false, "Attestation.NotInAttempt", 422);
        if (await plans.QuestionAsync(db, questionId, ct) is not { } question)
            return await NotRunningAsync(attemptId, now, ct) ?? new Outcome(false, "Attestation.NotInAttempt", 422);
        var (response, error) = TestScoring.Normalise(question.Scoring, order, input);
        if (response is null) return await NotRunningAsync(attemptId, now, ct) ?? Outcome.Invalid(error!);
        var mark = TestScoring.Mark(question.Scoring, response);

        var written = db.IsPostgres
            ? await WritePostgresAsync(attemptId, questionId, question.UpdatedAt, revision, response, mark, now, ct)
            : await WriteSqliteAsync(attemptId, questionId, question.UpdatedAt, revision, response, mark, now, ct);
        if (!written.Current) return null;
        if (!written.Running) return await NotRunningAsync(attemptId, now, ct) ?? Outcome.NotFound("Attestation.NotFound");
        if (!written.Saved) return Outcome.Conflict("Attestation.AnswerStale");
        return new Outcome(true, Status: revision == 0 ? 201 : 200, Args: [revision + 1]);
    }

    /// <summary>Why an attempt takes no answer: it finished (409) or its time is up (410); null when it runs (or is gone).</summary>
    private async Task<Outcome?> NotRunningAsync(Guid attemptId, DateTime now, CancellationToken ct)
    {
        var state = await db.Set<Attempt>().AsNoTracking().Where(a => a.Id == attemptId).Select(a => new { a.FinishedAt, a.Deadline }).FirstOrDefaultAsync(ct);
        if (state is null) return null;
        if (state.FinishedAt is not null) return Outcome.Conflict("Attestation.AttemptFinished");
        if (now >= state.Deadline) return Outcome.Gone("Attestation.TimeUp");
        return null;
    }

    /// <summary>What the write found. Current: the question's UpdatedAt is still the one the mark was computed from
    /// (if not, nothing was written). Running: the attempt runs (if not, nothing was written). Saved: the answer was
    /// inserted (revision 0) or the named revision replaced.</summary>
    private readonly record struct Written(bool Current, bool Running, bool Saved);

    /// <summary>
    /// The save on PostgreSQL: one statement, in autocommit, one round trip. Raw SQL because EF Core cannot say it
    /// (a data-modifying CTE), and because it is the hot path: the EF version was 6 round trips (read, options,
    /// BEGIN, UPDATE attempt, INSERT or UPDATE answer, COMMIT); with the reads gone and this statement, CPU per save
    /// fell from 1.76 to 1.07 ms in Senim and from 0.69 to 0.47 ms in PostgreSQL, p95 from 132 to 9.7 ms at 400 saves/s
    /// (docs/decisions/012). Parameterised throughout.
    /// Why it is as safe as the transaction it replaces: "running" takes the attempt row's lock (and, after waiting for
    /// it, re-checks FinishedAt and Deadline on the newest row version, READ COMMITTED) before the answer is written,
    /// and keeps it until the statement commits, so a finish either waits for this answer or is seen and refused.
    /// "inserted" meets the primary key of a racing first save (DO NOTHING: stale), "updated" re-checks Revision on
    /// the newest row version (a racing change: stale). The answer CTEs depend on "running", so nothing is written
    /// when the attempt does not run or the question changed.
    /// </summary>
    private async Task<Written> WritePostgresAsync(Guid attemptId, Guid questionId, DateTime questionVersion, int revision, string response, double mark, DateTime now, CancellationToken ct)
    {
        // On the connection AnswerAsync opened; plain ADO.NET with positional parameters (no EF query pipeline, no SQL
        // rewriting by Npgsql), so that automatic preparation makes it a prepared statement after its second use.
        await using var command = new NpgsqlCommand(AttestationSql.SaveAnswer, (NpgsqlConnection)db.Database.GetDbConnection())
        {
            Parameters =
            {
                new() { Value = attemptId }, new() { Value = questionId }, new() { Value = questionVersion }, new() { Value = now },
                new() { Value = revision }, new() { Value = response }, new() { Value = mark },
            },
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new Written(reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2));
    }

    /// <summary>The save on SQLite (one writer at a time): a short transaction that touches the attempt row first
    /// (taking the write lock), checks the question's version, then inserts or conditionally updates the answer.</summary>
    private async Task<Written> WriteSqliteAsync(Guid attemptId, Guid questionId, DateTime questionVersion, int revision, string response, double mark, DateTime now, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var running = await db.Set<Attempt>().Where(a => a.Id == attemptId && a.FinishedAt == null && a.Deadline > now)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.Version, a => a.Version + 1), ct);
                if (!await db.Set<Question>().AnyAsync(q => q.Id == questionId && q.UpdatedAt == questionVersion, ct))
                {
                    await tx.RollbackAsync(ct);
                    return new Written(false, false, false);
                }
                if (running == 0)
                {
                    await tx.RollbackAsync(ct);
                    return new Written(true, false, false);
                }
                if (revision == 0)
                {
                    // A racing first save makes this insert meet the primary key.
                    db.Add(new Answer { AttemptId = attemptId, QuestionId = questionId, Response = response, Mark = mark, AnsweredAt = now, Revision = 1 });
                    await db.SaveChangesAsync(ct);
                }
                else
                {
                    var changed = await db.Set<Answer>().Where(a => a.AttemptId == attemptId && a.QuestionId == questionId && a.Revision == revision)
                        .ExecuteUpdateAsync(s => s.SetProperty(a => a.Response, response).SetProperty(a => a.Mark, mark)
                            .SetProperty(a => a.AnsweredAt, now).SetProperty(a => a.Revision, revision + 1), ct);
                    if (changed == 0)
                    {
                        await tx.RollbackAsync(ct);
                        return new Written(true, true, false);
                    }
                }
                await tx.CommitAsync(ct);
                return new Written(true, true, true);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                return new Written(true, true, false);
            }
        });
    }

    /// <summary>The candidate ends the attempt before the time is up.</summary>
    public async Task<Outcome> FinishOwnAsync(Guid attemptId, Guid employeeId, CancellationToken ct = default)
    {
        var attempt = await OwnAsync(attemptId, employeeId, ct);
        if (attempt is null) return Outcome.NotFound("Attestation.NotFound");
        if (attempt.FinishedAt is not null) return Outcome.Done;
        var at = Now < attempt.Deadline ? Now : attempt.Deadline;
        await FinishAsync(attemptId, at, ct);
        return Outcome.Done;
    }

    /// <summary>Finishes every running attempt of a candidate whose time is up (at its deadline).</summary>
    public async Task FinishExpiredAsync(Guid candidateId, CancellationToken ct = default)
    {
        var now = Now;
        var expired = await db.Set<Attempt>().AsNoTracking().Where(a => a.CandidateId == candidateId && a.FinishedAt == null && a.Deadline <= now)
            .Select(a => new { a.Id, a.Deadline }).ToListAsync(ct);
        foreach (var a in expired) await FinishAsync(a.Id, a.Deadline, ct);
    }

    /// <summary>Finishes every running attempt of a campaign whose time is up (before statistics and the dashboard).</summary>
    public async Task FinishExpiredInCampaignAsync(Guid campaignId, CancellationToken ct = default)
    {
        var now = Now;
        var expired = await db.Set<Attempt>().AsNoTracking()
            .Where(a => a.FinishedAt == null && a.Deadline <= now && db.AttestationCandidates.Any(c => c.Id == a.CandidateId && c.CampaignId == campaignId))
            .Select(a => new { a.Id, a.Deadline }).ToListAsync(ct);
        foreach (var a in expired) await FinishAsync(a.Id, a.Deadline, ct);
    }

    /// <summary>Marks the attempt finished (only if it still runs: a conditional update that waits for an answer being
    /// saved), then scores it from the answers that made it in.</summary>
    private async Task FinishAsync(Guid attemptId, DateTime at, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Set<Attempt>().Where(a => a.Id == attemptId && a.FinishedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.FinishedAt, at).SetProperty(a => a.Version, a => a.Version + 1), ct);
            if (claimed == 0) { await tx.RollbackAsync(ct); return; }
            var attempt = await db.Set<Attempt>().AsNoTracking().FirstAsync(a => a.Id == attemptId, ct);
            var score = Math.Round(await db.Set<Answer>().Where(a => a.AttemptId == attemptId).SumAsync(a => (double?)a.Mark, ct) ?? 0, 6);
            var passed = TestScoring.Passed(score, attempt.MaxScore, attempt.PassPercent);
            await db.Set<Attempt>().Where(a => a.Id == attemptId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Score, score).SetProperty(a => a.Passed, passed), ct);
            audit.Record("attestation.test.finish", AttestationAudit.Attempt, attemptId, null,
                new { attempt.CandidateId, attempt.Number, FinishedAt = at, Score = score, attempt.MaxScore, attempt.PassPercent, Passed = passed });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
    }
}
