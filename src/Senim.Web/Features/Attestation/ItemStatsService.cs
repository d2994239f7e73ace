using Senim.Statistics;

namespace Senim.Web.Features.Attestation;

public sealed record QuestionStats(Guid QuestionId, string Topic, string Title, string Text, bool IsActive, int Attempts, ItemStatistics Statistics);

/// <summary>The campaign's test as a whole (by slot: every first attempt has the same slots) and each question.</summary>
public sealed record CampaignItemStats(int Attempts, ItemAnalysisResult? Test, IReadOnlyList<QuestionStats> Questions);

/// <summary>Item statistics after a campaign's test, with <see cref="ItemAnalysis"/> (Moodle's quiz statistics
/// formulas). Only each candidate's first finished attempt counts (Moodle's default "first attempt"), so that retakes
/// do not count a person twice.
/// <para>Candidates draw different questions, so the matrix of candidates × questions has holes. As Moodle does for
/// random questions, each question is analysed over the attempts it appeared in: its mark against the rest of that
/// attempt (the attempt's total minus the question's mark) — a two-column analysis gives exactly the facility, standard
/// deviation, discrimination index and discriminative efficiency of that question. Cronbach's α is computed over slots
/// (every first attempt has the specification's slots: topic order, then question id within the topic), which is the
/// test the candidates took; when everyone receives the same questions each slot is one question and α is the
/// question-level α.</para></summary>
public sealed class ItemStatsService(SenimDb db, TestService tests)
{
    public async Task<CampaignItemStats> ComputeAsync(Guid campaignId, ItemAnalysisOptions? options = null, CancellationToken ct = default)
    {
        await tests.FinishExpiredInCampaignAsync(campaignId, ct);
        var attempts = await db.Set<Attempt>().AsNoTracking()
            .Where(a => a.Number == 1 && a.FinishedAt != null && db.AttestationCandidates.Any(c => c.Id == a.CandidateId && c.CampaignId == campaignId))
            .Select(a => new { a.Id, a.MaxScore }).ToListAsync(ct);
        if (attempts.Count == 0) return new CampaignItemStats(0, null, []);
        var ids = attempts.Select(a => a.Id).ToList();
        var drawn = await db.Set<AttemptQuestion>().AsNoTracking().Where(q => ids.Contains(q.AttemptId)).ToListAsync(ct);
        var marks = (await db.Set<Answer>().AsNoTracking().Where(a => ids.Contains(a.AttemptId)).Select(a => new { a.AttemptId, a.QuestionId, a.Mark }).ToListAsync(ct))
            .ToDictionary(a => (a.AttemptId, a.QuestionId), a => a.Mark);
        double MarkOf(AttemptQuestion q) => Math.Clamp(marks.GetValueOrDefault((q.AttemptId, q.QuestionId)), 0, q.MaxMark);
        var totals = drawn.GroupBy(q => q.AttemptId).ToDictionary(g => g.Key, g => g.Sum(MarkOf));
        var maxScore = attempts.ToDictionary(a => a.Id, a => a.MaxScore);

        // The test by slot.
        var slots = drawn.Select(q => q.Slot).Distinct().Order().ToList();
        ItemAnalysisResult? test = null;
        var complete = drawn.GroupBy(q => q.AttemptId).Where(g => g.Select(q => q.Slot).Order().SequenceEqual(slots)).ToList();
        if (complete.Count > 0)
        {
            var slotMax = slots.Select(s => drawn.Where(q => q.Slot == s).Max(q => q.MaxMark)).ToList();
            var matrix = complete.Select(g => (IReadOnlyList<double>)[.. slots.Select(s => MarkOf(g.First(q => q.Slot == s)))]).ToList();
            test = ItemAnalysis.Analyse(matrix, slotMax, options);
        }

        // Each question over the attempts it appeared in.
        var questionIds = drawn.Select(q => q.QuestionId).Distinct().ToList();
        var questions = await db.Set<Question>().AsNoTracking().Where(q => questionIds.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        var topicIds = questions.Values.Select(q => q.TopicId).Distinct().ToList();
        var topics = await db.Set<Topic>().AsNoTracking().Where(t => topicIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var result = new List<QuestionStats>();
        foreach (var group in drawn.GroupBy(q => q.QuestionId))
        {
            var rows = group.Select(q => (Item: MarkOf(q), Others: totals[q.AttemptId] - MarkOf(q), OthersMax: maxScore[q.AttemptId] - q.MaxMark)).ToList();
            var itemMax = group.Max(q => q.MaxMark);
            var restMax = Math.Max(rows.Max(r => r.OthersMax), rows.Max(r => r.Others));
            var analysis = ItemAnalysis.Analyse([.. rows.Select(r => (IReadOnlyList<double>)[r.Item, Math.Max(0, r.Others)])], [itemMax, restMax > 0 ? restMax : 1], options);
            var q = questions[group.Key];
            var topic = topics[q.TopicId];
            result.Add(new QuestionStats(q.Id, SenimCultures.Pick(topic.NameKk, topic.NameRu, topic.NameRu), q.Title,
                SenimCultures.Pick(q.TextKk ?? q.TextRu ?? "", q.TextRu ?? q.TextKk ?? "", q.TextRu ?? q.TextKk ?? ""), q.IsActive, rows.Count,
                analysis.Items[0] with { Item = 0 }));
        }
        return new CampaignItemStats(attempts.Count, test, [.. result.OrderByDescending(r => r.Statistics.IsDubious).ThenBy(r => r.Topic, StringComparer.Ordinal).ThenBy(r => r.Title, StringComparer.Ordinal)]);
    }
}
