using Senim.Web.Features.Audit;

namespace Senim.Web.Features.Attestation;

/// <summary>Why one GIFT question was not taken: its line and a localizable reason.</summary>
public sealed record ImportIssue(int Line, string Key, object[] Args);

/// <summary>What an import found and did. Nothing is written when <see cref="Errors"/> is not empty, unless the user
/// chose to import the valid questions (then <see cref="Imported"/> is true).</summary>
public sealed record ImportReport(int Questions, int Valid, int New, int Updated, int Unchanged, IReadOnlyList<ImportIssue> Errors, bool Imported);

public sealed record TopicSummary(Topic Topic, int Total, int Kazakh, int Russian, int Usable);

/// <summary>The question bank: topics, GIFT import per language (the Kazakh and Russian files are paired by topic —
/// the GIFT $CATEGORY — and question title; docs/decisions/010) and GIFT export.</summary>
public sealed class BankService(SenimDb db, AuditLog audit, TimeProvider clock)
{
    public const int MaxOptions = 20;
    public static readonly string[] Languages = ["kk", "ru"];

    public async Task<IReadOnlyList<TopicSummary>> TopicsAsync(CancellationToken ct = default)
    {
        var topics = await db.Set<Topic>().AsNoTracking().OrderBy(t => t.Code).ToListAsync(ct);
        var counts = await db.Set<Question>().AsNoTracking().GroupBy(q => q.TopicId).Select(g => new
        {
            g.Key,
            Total = g.Count(),
            Kk = g.Count(q => q.TextKk != null),
            Ru = g.Count(q => q.TextRu != null),
            Usable = g.Count(q => q.IsActive && q.TextKk != null && q.TextRu != null),
        }).ToListAsync(ct);
        return [.. topics.Select(t => counts.FirstOrDefault(c => c.Key == t.Id) is { } c
            ? new TopicSummary(t, c.Total, c.Kk, c.Ru, c.Usable) : new TopicSummary(t, 0, 0, 0, 0))];
    }

    public async Task<Outcome> RenameTopicAsync(Guid id, string? nameKk, string? nameRu, CancellationToken ct = default)
    {
        nameKk = nameKk?.Trim(); nameRu = nameRu?.Trim();
        if (string.IsNullOrEmpty(nameKk) || string.IsNullOrEmpty(nameRu) || nameKk.Length > 200 || nameRu.Length > 200) return Outcome.Invalid("Attestation.TopicNamesRequired");
        var t = await db.Set<Topic>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null) return Outcome.NotFound("Attestation.NotFound");
        audit.Record("attestation.topic.rename", AttestationAudit.Question, id, new { t.NameKk, t.NameRu }, new { NameKk = nameKk, NameRu = nameRu });
        t.NameKk = nameKk; t.NameRu = nameRu;
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    public async Task<Outcome> SetActiveAsync(Guid questionId, bool active, CancellationToken ct = default)
    {
        var q = await db.Set<Question>().FirstOrDefaultAsync(x => x.Id == questionId, ct);
        if (q is null) return Outcome.NotFound("Attestation.NotFound");
        audit.Record(active ? "attestation.question.activate" : "attestation.question.deactivate", AttestationAudit.Question, q.Id, new { q.IsActive }, new { IsActive = active });
        q.IsActive = active;
        q.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    public async Task<IReadOnlyList<Question>> QuestionsAsync(Guid topicId, CancellationToken ct = default) =>
        await db.Set<Question>().AsNoTracking().Where(q => q.TopicId == topicId).OrderBy(q => q.Title).ToListAsync(ct);

    private sealed record Candidate(GiftQuestion Gift, QuestionKind Kind);

    /// <summary>Checks a GIFT file in one language and, when it is clean or <paramref name="importValid"/> is set, writes it.</summary>
    public async Task<ImportReport> ImportAsync(string language, string gift, bool importValid, CancellationToken ct = default)
    {
        if (!Languages.Contains(language)) throw new ArgumentOutOfRangeException(nameof(language), language, "kk or ru");
        var (parsed, parseErrors) = Gift.Parse(gift);
        var errors = parseErrors.Select(e => Localise(e)).ToList();
        var valid = new List<Candidate>();
        var seen = new HashSet<(string, string)>();
        foreach (var q in parsed)
        {
            var issue = Check(q);
            if (issue is null && !seen.Add((q.Category, q.Title!))) issue = new ImportIssue(q.Line, "Attestation.Gift.DuplicateTitle", [q.Title!]);
            if (issue is not null) { errors.Add(issue); continue; }
            valid.Add(new Candidate(q, q.Kind switch
            {
                GiftKind.SingleChoice => QuestionKind.SingleChoice,
                GiftKind.MultipleChoice => QuestionKind.MultipleChoice,
                GiftKind.TrueFalse => QuestionKind.TrueFalse,
                _ => QuestionKind.Numeric,
            }));
        }

        var codes = valid.Select(v => v.Gift.Category).Distinct().ToList();
        var topics = await db.Set<Topic>().Where(t => codes.Contains(t.Code)).ToDictionaryAsync(t => t.Code, ct);
        var topicIds = topics.Values.Select(t => t.Id).ToList();
        var existing = await db.Set<Question>().Where(q => topicIds.Contains(q.TopicId)).ToListAsync(ct);
        var existingIds = existing.Select(q => q.Id).ToList();
        var options = (await db.Set<QuestionOption>().Where(o => existingIds.Contains(o.QuestionId)).ToListAsync(ct))
            .ToLookup(o => o.QuestionId);
        var used = (await db.Set<AttemptQuestion>().Where(a => existingIds.Contains(a.QuestionId)).Select(a => a.QuestionId).Distinct().ToListAsync(ct)).ToHashSet();
        var byKey = existing.ToDictionary(q => (topics.Values.First(t => t.Id == q.TopicId).Code, q.Title));

        var plan = new List<(Candidate C, Question? Existing, bool Replace)>();
        int added = 0, updated = 0, unchanged = 0;
        foreach (var c in valid)
        {
            if (!byKey.TryGetValue((c.Gift.Category, c.Gift.Title!), out var q))
            {
                plan.Add((c, null, false));
                added++;
                continue;
            }
            var opts = options[q.Id].OrderBy(o => o.Index).ToList();
            var sameStructure = SameStructure(c, q, opts);
            var other = language == "kk" ? q.TextRu : q.TextKk;
            if (!sameStructure && used.Contains(q.Id)) { errors.Add(new(c.Gift.Line, "Attestation.Gift.Frozen", [q.Title])); continue; }
            if (!sameStructure && other is not null)
            {
                errors.Add(new(c.Gift.Line, "Attestation.Gift.Mismatch", [q.Title, language == "kk" ? "ru" : "kk"]));
                continue;
            }
            if (sameStructure && SameTexts(language, c.Gift, q, opts)) { unchanged++; continue; }
            plan.Add((c, q, !sameStructure));
            updated++;
        }
        errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        var validCount = plan.Count + unchanged;
        if (errors.Count > 0 && !importValid) return new ImportReport(parsed.Count + parseErrors.Count, validCount, added, updated, unchanged, errors, false);

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var code in codes.Where(c => !topics.ContainsKey(c) && plan.Any(p => p.C.Gift.Category == c)))
        {
            var t = new Topic { Code = code, NameKk = code, NameRu = code };
            db.Add(t);
            topics[code] = t;
        }
        foreach (var (c, q0, replace) in plan)
        {
            var q = q0;
            if (q is null)
            {
                q = new Question { TopicId = topics[c.Gift.Category].Id, Title = c.Gift.Title!, Kind = c.Kind, CreatedAt = now };
                db.Add(q);
            }
            else if (replace)
            {
                db.RemoveRange(options[q.Id]);
                // The other language's texts belonged to the old structure; there are none (checked above).
                q.Kind = c.Kind;
            }
            q.Truth = c.Gift.Truth;
            q.UpdatedAt = now;
            if (language == "kk") q.TextKk = c.Gift.Text; else q.TextRu = c.Gift.Text;
            var current = q0 is null || replace ? [] : options[q.Id].OrderBy(o => o.Index).ToList();
            var rows = Rows(c);
            for (var i = 0; i < rows.Count; i++)
            {
                var o = i < current.Count ? current[i] : null;
                if (o is null)
                {
                    o = new QuestionOption { QuestionId = q.Id, Index = i, Fraction = rows[i].Fraction, Value = rows[i].Value, Tolerance = rows[i].Tolerance };
                    db.Add(o);
                }
                if (language == "kk") { o.TextKk = rows[i].Text; o.FeedbackKk = rows[i].Feedback; }
                else { o.TextRu = rows[i].Text; o.FeedbackRu = rows[i].Feedback; }
            }
        }
        audit.Record("attestation.bank.import", AttestationAudit.Question, language, null,
            new { Language = language, New = added, Updated = updated, Unchanged = unchanged, Refused = errors.Count, Titles = plan.Select(p => p.C.Gift.Category + "/" + p.C.Gift.Title).ToList() });
        await db.SaveChangesAsync(ct);
        return new ImportReport(parsed.Count + parseErrors.Count, validCount, added, updated, unchanged, errors, true);
    }

    private static ImportIssue? Check(GiftQuestion q)
    {
        if (string.IsNullOrWhiteSpace(q.Title)) return new(q.Line, "Attestation.Gift.NoTitle", []);
        if (q.Title.Length > 200) return new(q.Line, "Attestation.Gift.TooLong", [200]);
        if (string.IsNullOrWhiteSpace(q.Category)) return new(q.Line, "Attestation.Gift.NoCategory", []);
        if (q.Category.Length > 200) return new(q.Line, "Attestation.Gift.TooLong", [200]);
        if (q.Kind == GiftKind.ShortAnswer) return new(q.Line, "Attestation.Gift.ShortAnswer", []);
        if (q.Text.Length > 4000) return new(q.Line, "Attestation.Gift.TooLong", [4000]);
        if (q.Answers.Any(a => a.Text.Length > 1000 || (a.Feedback?.Length ?? 0) > 1000)) return new(q.Line, "Attestation.Gift.TooLong", [1000]);
        if (q.Answers.Count > MaxOptions || (q.Numeric?.Count ?? 0) > MaxOptions) return new(q.Line, "Attestation.Gift.TooManyOptions", [MaxOptions]);
        return null;
    }

    private sealed record Row(string? Text, string? Feedback, double Fraction, double? Value, double? Tolerance);

    private static List<Row> Rows(Candidate c) => c.Kind switch
    {
        QuestionKind.Numeric => [.. (c.Gift.Numeric ?? []).Select(n => new Row(null, null, n.Fraction, n.Value, n.Tolerance))],
        QuestionKind.TrueFalse => [],
        _ => [.. c.Gift.Answers.Select(a => new Row(a.Text, a.Feedback, a.Fraction, null, null))],
    };

    private static bool SameStructure(Candidate c, Question q, List<QuestionOption> opts)
    {
        if (q.Kind != c.Kind || q.Truth != c.Gift.Truth) return false;
        var rows = Rows(c);
        return rows.Count == opts.Count && rows.Zip(opts).All(p => p.First.Fraction == p.Second.Fraction && p.First.Value == p.Second.Value && p.First.Tolerance == p.Second.Tolerance);
    }

    private static bool SameTexts(string language, GiftQuestion g, Question q, List<QuestionOption> opts)
    {
        var text = language == "kk" ? q.TextKk : q.TextRu;
        if (text != g.Text) return false;
        if (g.Kind is GiftKind.Numeric or GiftKind.TrueFalse) return true;
        return g.Answers.Zip(opts).All(p => p.First.Text == (language == "kk" ? p.Second.TextKk : p.Second.TextRu)
            && p.First.Feedback == (language == "kk" ? p.Second.FeedbackKk : p.Second.FeedbackRu));
    }

    /// <summary>The bank (or one topic) in one language as GIFT: every question that has a text in that language.</summary>
    public async Task<string> ExportAsync(string language, string? topicCode = null, CancellationToken ct = default)
    {
        if (!Languages.Contains(language)) throw new ArgumentOutOfRangeException(nameof(language), language, "kk or ru");
        var topics = await db.Set<Topic>().AsNoTracking().Where(t => topicCode == null || t.Code == topicCode).OrderBy(t => t.Code).ToListAsync(ct);
        var ids = topics.Select(t => t.Id).ToList();
        var questions = await db.Set<Question>().AsNoTracking().Where(q => ids.Contains(q.TopicId) && (language == "kk" ? q.TextKk != null : q.TextRu != null))
            .ToListAsync(ct);
        var qids = questions.Select(q => q.Id).ToList();
        var options = (await db.Set<QuestionOption>().AsNoTracking().Where(o => qids.Contains(o.QuestionId)).ToListAsync(ct)).ToLookup(o => o.QuestionId);
        var result = new List<GiftQuestion>();
        foreach (var t in topics)
        {
            foreach (var q in questions.Where(q => q.TopicId == t.Id).OrderBy(q => q.Title, StringComparer.Ordinal))
            {
                var opts = options[q.Id].OrderBy(o => o.Index).ToList();
                var text = (language == "kk" ? q.TextKk : q.TextRu)!;
                result.Add(q.Kind switch
                {
                    QuestionKind.TrueFalse => new GiftQuestion(t.Code, q.Title, text, GiftKind.TrueFalse, [], q.Truth),
                    QuestionKind.Numeric => new GiftQuestion(t.Code, q.Title, text, GiftKind.Numeric, [], null,
                        [.. opts.Select(o => new GiftNumericAnswer(o.Value ?? 0, o.Tolerance ?? 0, o.Fraction))]),
                    _ => new GiftQuestion(t.Code, q.Title, text, q.Kind == QuestionKind.MultipleChoice ? GiftKind.MultipleChoice : GiftKind.SingleChoice,
                        [.. opts.Select(o => new GiftAnswer((language == "kk" ? o.TextKk : o.TextRu) ?? "", o.Fraction, language == "kk" ? o.FeedbackKk : o.FeedbackRu))]),
                });
            }
        }
        return Gift.Write(result);
    }

    /// <summary>The GIFT parser's reasons (English, from <see cref="Gift"/>) as localizable keys with their quoted part.</summary>
    internal static ImportIssue Localise(GiftError e)
    {
        var r = e.Reason;
        var quoted = r.IndexOf('"', StringComparison.Ordinal) is var a and >= 0 && r.LastIndexOf('"') is var b && b > a ? r[(a + 1)..b] : "";
        var key = r switch
        {
            _ when r.StartsWith("the title is not closed", StringComparison.Ordinal) => "Attestation.Gift.TitleNotClosed",
            _ when r.StartsWith("no answer block", StringComparison.Ordinal) => "Attestation.Gift.NoAnswers",
            _ when r.StartsWith("the answer block is not closed", StringComparison.Ordinal) => "Attestation.Gift.AnswersNotClosed",
            _ when r.StartsWith("more than one answer block", StringComparison.Ordinal) => "Attestation.Gift.TwoAnswerBlocks",
            _ when r.StartsWith("missing-word", StringComparison.Ordinal) => "Attestation.Gift.MissingWord",
            _ when r.StartsWith("the question has no text", StringComparison.Ordinal) => "Attestation.Gift.NoText",
            _ when r.StartsWith("essay", StringComparison.Ordinal) => "Attestation.Gift.Essay",
            _ when r.StartsWith("matching", StringComparison.Ordinal) => "Attestation.Gift.Matching",
            _ when r.StartsWith("answers must start", StringComparison.Ordinal) => "Attestation.Gift.AnswerStart",
            _ when r.StartsWith("the weight in", StringComparison.Ordinal) || r.StartsWith("bad weight", StringComparison.Ordinal) => "Attestation.Gift.BadWeight",
            _ when r.StartsWith("an answer is empty", StringComparison.Ordinal) => "Attestation.Gift.EmptyAnswer",
            _ when r.StartsWith("a single-choice question needs", StringComparison.Ordinal) => "Attestation.Gift.OneRight",
            _ when r.StartsWith("the positive weights", StringComparison.Ordinal) => "Attestation.Gift.WeightsSum",
            _ when r.StartsWith("a choice question needs", StringComparison.Ordinal) => "Attestation.Gift.TwoAnswers",
            _ when r.StartsWith("bad numeric", StringComparison.Ordinal) => "Attestation.Gift.BadNumber",
            _ when r.StartsWith("the numeric answer is empty", StringComparison.Ordinal) => "Attestation.Gift.NoNumber",
            _ => "Attestation.Gift.Unreadable",
        };
        return new ImportIssue(e.Line, key, [quoted]);
    }

    public static string Format(int line) => line.ToString(CultureInfo.InvariantCulture);
}
