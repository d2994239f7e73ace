using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Data;
using Senim.Web.Features.Attestation;
using Senim.Web.Features.Identity;
using Spectre.Console.Cli;

namespace Senim.Bench;

/// <summary>
/// `seed-attestation N --out users.txt [--password P] [--per-topic K] [--minutes M]`, for the testing-day benchmark
/// (bench/attestation/run.sh), never for a real database.
/// On a database the application has already seeded (Development demo data: organisation, demo bank), it adds
/// synthetic questions so that every topic has enough usable ones, one active campaign at the computer-test stage
/// (no test dates, a long time limit, K questions per topic), N employees as its candidates with stage 1 passed, and
/// N staff sign-ins "bench-00001"… (role Employee, bound to the candidate's employee record). The password is hashed
/// once and the hash copied to every user, each with its own security stamp, so seeding costs no N×PBKDF2.
/// Writes "userName candidateId" lines to --out.
/// </summary>
public sealed class SeedAttestationCommand(SenimDb db) : AsyncCommand<SeedAttestationCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<CANDIDATES>"), Description("Candidates (and sign-ins) to create.")]
        public int Candidates { get; init; }

        [CommandOption("--out <FILE>"), Description("Where to write the \"userName candidateId\" lines."), DefaultValue("bench-users.txt")]
        public string Out { get; init; } = "bench-users.txt";

        [CommandOption("--password <P>"), Description("Password of every bench sign-in (default: the demo accounts' password).")]
        public string Password { get; init; } = DemoAccounts.Password;

        [CommandOption("--per-topic <K>"), Description("Questions per topic in an attempt."), DefaultValue(8)]
        public int PerTopic { get; init; }

        [CommandOption("--minutes <M>"), Description("The test's time limit."), DefaultValue(240)]
        public int Minutes { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (n, outPath, password, perTopic, minutes) = (settings.Candidates, settings.Out, settings.Password, settings.PerTopic, settings.Minutes);
        var now = DateTime.UtcNow;

        var topics = await db.Set<Topic>().OrderBy(t => t.Code).ToListAsync(cancellationToken);
        if (topics.Count == 0) throw new InvalidOperationException("No question bank: start the application once in Development (demo data) first.");
        var employeeRole = await db.Roles.FirstOrDefaultAsync(r => r.Name == Roles.Employee, cancellationToken)
            ?? throw new InvalidOperationException("No Employee role: start the application once in Development first.");

        // Questions: top every topic up to 3×K usable questions (a draw of K from a pool, not the whole pool),
        // cycling through the four kinds.
        var usable = await db.Set<Question>().Where(q => q.IsActive && q.TextKk != null && q.TextRu != null)
            .GroupBy(q => q.TopicId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, cancellationToken);
        var added = 0;
        foreach (var t in topics)
        {
            for (var i = usable.GetValueOrDefault(t.Id); i < 3 * perTopic; i++, added++)
            {
                var kind = (QuestionKind)(added % 4);
                var q = new Question
                {
                    TopicId = t.Id, Title = $"bench-{t.Code}-{i.ToString("D3", CultureInfo.InvariantCulture)}", Kind = kind,
                    TextKk = $"Жүктеме сұрағы {i} ({t.Code})", TextRu = $"Нагрузочный вопрос {i} ({t.Code})",
                    Truth = kind == QuestionKind.TrueFalse ? i % 2 == 0 : null, CreatedAt = now, UpdatedAt = now,
                };
                db.Add(q);
                switch (kind)
                {
                    case QuestionKind.SingleChoice:
                        for (var o = 0; o < 4; o++) db.Add(new QuestionOption { QuestionId = q.Id, Index = o, TextKk = $"Нұсқа {o}", TextRu = $"Вариант {o}", Fraction = o == 0 ? 1 : 0 });
                        break;
                    case QuestionKind.MultipleChoice:
                        for (var o = 0; o < 4; o++) db.Add(new QuestionOption { QuestionId = q.Id, Index = o, TextKk = $"Нұсқа {o}", TextRu = $"Вариант {o}", Fraction = o < 2 ? 0.5 : -0.5 });
                        break;
                    case QuestionKind.Numeric:
                        db.Add(new QuestionOption { QuestionId = q.Id, Index = 0, Fraction = 1, Value = i, Tolerance = 0.5 });
                        break;
                }
            }
        }

        var campaign = new Campaign
        {
            Name = $"Testing-day benchmark {now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}", Kind = CampaignKind.Extraordinary,
            Status = CampaignStatus.Active, TestMinutes = minutes, TestPassPercent = 70, CreatedAt = now, CreatedBy = "bench", ConfirmedAt = now, ConfirmedBy = "bench",
        };
        db.Add(campaign);
        foreach (var t in topics) db.Add(new SpecTopic { CampaignId = campaign.Id, TopicId = t.Id, Count = perTopic });

        // Employees not yet bound to a sign-in, with a position (as a campaign rule would select them).
        var bound = db.Users.Where(u => u.EmployeeId != null).Select(u => u.EmployeeId);
        var employees = await (from e in db.Employees.AsNoTracking()
                               join u in db.Units on e.UnitId equals u.Id
                               where e.PositionId != null && !bound.Contains(e.Id)
                               orderby e.PersonnelNumber
                               select new { e.Id, e.PositionId, UnitId = u.Id, u.RegionCode, Name = e.LastName + " " + e.FirstName }).Take(n).ToListAsync(cancellationToken);
        if (employees.Count < n) throw new InvalidOperationException($"Only {employees.Count} employees are free; seed more (Database__DemoEmployees).");

        var hash = new PasswordHasher<SenimUser>().HashPassword(new SenimUser(), password);
        var start = await db.Users.CountAsync(u => u.UserName!.StartsWith("bench-"), cancellationToken);
        var lines = new List<string>(n);
        for (var i = 0; i < n; i++)
        {
            var e = employees[i];
            var candidate = new Candidate
            {
                CampaignId = campaign.Id, EmployeeId = e.Id, PositionId = e.PositionId, UnitId = e.UnitId, RegionCode = e.RegionCode,
                Inclusion = CandidateInclusion.Rule, CreatedAt = now, CreatedBy = "bench",
            };
            db.Add(candidate);
            db.Add(new StandardsResult
            {
                CandidateId = candidate.Id, Attempt = 1, TakenOn = DateOnly.FromDateTime(now), Run3KmSeconds = 700, Run100MSeconds = 13, PullUps = 15,
                FirearmsScore = 90, Passed = true, Examiner = "bench", EnteredBy = "bench", EnteredAt = now,
            });
            var userName = "bench-" + (start + i + 1).ToString("D5", CultureInfo.InvariantCulture);
            var user = new SenimUser
            {
                UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = e.Name, EmployeeId = e.Id,
                PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(), LockoutEnabled = true,
            };
            db.Add(user);
            db.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = employeeRole.Id });
            lines.Add(userName + " " + candidate.Id.ToString("D", CultureInfo.InvariantCulture));
        }
        await db.SaveChangesAsync(cancellationToken);
        await File.WriteAllLinesAsync(outPath, lines, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed-attestation: campaign {campaign.Id}, {topics.Count} topics × {perTopic} questions per attempt, {added} questions added, {n} candidates and sign-ins in {clock.Elapsed.TotalSeconds:F1} s; users in {outPath}"));
        return 0;
    }
}
