using System.Security.Cryptography;
using Microsoft.Extensions.Localization;
using Senim.Web.Features.Audit;

namespace Senim.Web.Features.Attestation;

/// <summary>Whether a PDF is, byte for byte, a protocol Senim issued.</summary>
public sealed record ProtocolCheck(bool Matches, string Sha256, Guid? SittingId, string? Language, DateTime? ClosedAt, string? Commission);

/// <summary>Protocols of closed sittings (Kazakh and Russian PDFs, stored with their SHA-256 so that any copy can be
/// checked and any change detected) and the candidate's notice of decision.</summary>
public sealed class ProtocolService(SenimDb db, IStringLocalizer<SharedResource> l, TimeProvider clock, AuditLog audit)
{
    // A4 protocols and notices: 2 cm margins, the page number in the bottom 64 points.
    private const double ProtocolMargin = 56;
    private const double ProtocolBottom = 64;

    public static readonly string[] Languages = ["kk", "ru"];

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Renders and stores the protocol in both languages (inside the closing transaction).</summary>
    public async Task IssueAsync(Guid sittingId, CancellationToken ct = default)
    {
        var data = await LoadAsync(sittingId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var language in Languages)
        {
            var pdf = Render(data, language);
            var hash = Sha256(pdf);
            db.Add(new Protocol { SittingId = sittingId, Language = language, Pdf = pdf, Sha256 = hash, CreatedAt = now });
            audit.Record("attestation.protocol.issue", AttestationAudit.Sitting, sittingId, null, new { Language = language, Sha256 = hash, Bytes = pdf.Length });
        }
        await db.SaveChangesAsync(ct);
    }

    public Task<Protocol?> FindAsync(Guid sittingId, string language, CancellationToken ct = default) =>
        db.Set<Protocol>().AsNoTracking().FirstOrDefaultAsync(p => p.SittingId == sittingId && p.Language == language, ct);

    public async Task<IReadOnlyList<(string Language, string Sha256)>> HashesAsync(Guid sittingId, CancellationToken ct = default) =>
        [.. (await db.Set<Protocol>().AsNoTracking().Where(p => p.SittingId == sittingId).Select(p => new { p.Language, p.Sha256 }).ToListAsync(ct))
            .OrderBy(p => p.Language, StringComparer.Ordinal).Select(p => (p.Language, p.Sha256))];

    public async Task<ProtocolCheck> VerifyAsync(byte[] pdf, CancellationToken ct = default)
    {
        var hash = Sha256(pdf);
        var found = await (from p in db.Set<Protocol>().AsNoTracking()
                           where p.Sha256 == hash
                           join s in db.Set<Sitting>() on p.SittingId equals s.Id
                           join c in db.Set<Commission>() on s.CommissionId equals c.Id
                           select new { p.SittingId, p.Language, s.ClosedAt, c.Name, p.Pdf }).ToListAsync(ct);
        // The index finds the hash; the bytes are compared too (a hash collision would not pass).
        var match = found.FirstOrDefault(f => f.Pdf.AsSpan().SequenceEqual(pdf));
        return match is null ? new ProtocolCheck(false, hash, null, null, null, null) : new ProtocolCheck(true, hash, match.SittingId, match.Language, match.ClosedAt, match.Name);
    }

    private sealed record MemberLine(string Name, MemberRole Role, MemberOrganisation Organisation, bool Present);
    private sealed record CandidateLine(int Order, string Name, string Position, string Unit, SittingCandidate Row, IReadOnlyList<string> Conflicts);
    private sealed record ProtocolData(Sitting Sitting, Commission Commission, Campaign Campaign, IReadOnlyList<MemberLine> Members, IReadOnlyList<CandidateLine> Candidates, int Needed);

    private async Task<ProtocolData> LoadAsync(Guid sittingId, CancellationToken ct)
    {
        var s = await db.Set<Sitting>().AsNoTracking().FirstAsync(x => x.Id == sittingId, ct);
        var commission = await db.Set<Commission>().AsNoTracking().FirstAsync(c => c.Id == s.CommissionId, ct);
        var campaign = await db.AttestationCampaigns.AsNoTracking().FirstAsync(c => c.Id == s.CampaignId, ct);
        var members = await db.Set<CommissionMember>().AsNoTracking().Where(m => m.CommissionId == commission.Id && m.IsActive).ToListAsync(ct);
        var present = (await db.Set<SittingAttendance>().AsNoTracking().Where(a => a.SittingId == sittingId && a.Present).Select(a => a.MemberId).ToListAsync(ct)).ToHashSet();
        var rows = await db.Set<SittingCandidate>().AsNoTracking().Where(x => x.SittingId == sittingId).OrderBy(x => x.Order).ToListAsync(ct);
        var ids = rows.Select(r => r.CandidateId).ToList();
        var people = await (from c in db.AttestationCandidates.AsNoTracking().Where(c => ids.Contains(c.Id))
                            join e in db.Employees on c.EmployeeId equals e.Id
                            join u in db.Units on c.UnitId equals u.Id
                            join p in db.Positions on c.PositionId equals p.Id into pp
                            from p in pp.DefaultIfEmpty()
                            select new { c.Id, e.LastName, e.FirstName, e.MiddleName, u.NameKk, u.NameRu, PKk = p == null ? null : p.TitleKk, PRu = p == null ? null : p.TitleRu }).ToListAsync(ct);
        var memberIds = members.Select(m => m.Id).ToList();
        var conflicts = await db.Set<ConflictDeclaration>().AsNoTracking().Where(c => ids.Contains(c.CandidateId) && memberIds.Contains(c.MemberId)).ToListAsync(ct);
        // Names are stored once; unit and position titles exist in both languages and are chosen at rendering time.
        var candidates = rows.Select(r =>
        {
            var x = people.First(p => p.Id == r.CandidateId);
            var name = string.Join(' ', new[] { x.LastName, x.FirstName, x.MiddleName }.Where(n => !string.IsNullOrEmpty(n)));
            return new CandidateLine(r.Order, name, (x.PKk ?? "—") + "\u0001" + (x.PRu ?? "—"), x.NameKk + "\u0001" + x.NameRu, r,
                [.. conflicts.Where(c => c.CandidateId == r.CandidateId).Select(c => members.First(m => m.Id == c.MemberId).FullName)]);
        }).ToList();
        var lines = members.OrderBy(m => m.Role).ThenBy(m => m.FullName, StringComparer.Ordinal)
            .Select(m => new MemberLine(m.FullName, m.Role, m.Organisation, present.Contains(m.Id))).ToList();
        return new ProtocolData(s, commission, campaign, lines, candidates, CommissionRules.QuorumNeeded(members.Count, commission.QuorumNumerator, commission.QuorumDenominator));
    }

    private T In<T>(string language, Func<T> work)
    {
        var saved = CultureInfo.CurrentUICulture;
        var savedCulture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(language);
            return work();
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
            CultureInfo.CurrentCulture = savedCulture;
        }
    }

    private string F(string key, params object[] args) => string.Format(CultureInfo.CurrentCulture, l[key], args);

    private static string Pick(string both, string language) => both.Split('\u0001') is var parts && parts.Length == 2 ? (language == "kk" ? parts[0] : parts[1]) : both;

    private static string Kz(DateTime utc) => utc.ToLocalKz().ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

    private byte[] Render(ProtocolData d, string language) => In(language, () =>
    {
        var number = d.Sitting.Id.ToString("N")[..8].ToUpperInvariant();
        using var pdf = new PdfTextFlow(F("Attestation.Pdf.ProtocolTitle", number), ProtocolMargin, ProtocolBottom, F("Attestation.Pdf.Footer", "{0}", "{1}"));
        pdf.Heading(F("Attestation.Pdf.ProtocolTitle", number), 15);
        pdf.Paragraph(d.Commission.Name, 11, bold: true);
        pdf.Paragraph(F("Attestation.Pdf.DatePlace", Kz(d.Sitting.ScheduledAt), d.Sitting.Place));
        pdf.Paragraph(F("Attestation.Pdf.Campaign", d.Campaign.Name, l["Attestation.Kind." + d.Campaign.Kind]));
        pdf.Rule();
        var present = d.Members.Where(m => m.Present).ToList();
        pdf.Paragraph(l["Attestation.Pdf.MembersPresent"], 11, bold: true);
        foreach (var m in present) pdf.Paragraph($"{m.Name} — {l["Attestation.Role." + m.Role]}, {l["Attestation.Organisation." + m.Organisation]}", indent: 12, after: 1);
        var absent = d.Members.Where(m => !m.Present).ToList();
        if (absent.Count > 0)
        {
            pdf.Space(4);
            pdf.Paragraph(l["Attestation.Pdf.MembersAbsent"], 11, bold: true);
            foreach (var m in absent) pdf.Paragraph($"{m.Name} — {l["Attestation.Role." + m.Role]}, {l["Attestation.Organisation." + m.Organisation]}", indent: 12, after: 1);
        }
        pdf.Space(4);
        pdf.Paragraph(F("Attestation.Pdf.Quorum", present.Count, d.Members.Count, d.Needed, d.Commission.QuorumNumerator, d.Commission.QuorumDenominator));
        pdf.Rule();
        pdf.Paragraph(l["Attestation.Pdf.Candidates"], 11, bold: true);
        foreach (var c in d.Candidates)
        {
            pdf.Paragraph($"{c.Order}. {c.Name}", 10.5, bold: true, after: 1);
            pdf.Paragraph($"{Pick(c.Position, language)}, {Pick(c.Unit, language)}", indent: 14, after: 1);
            pdf.Paragraph(F("Attestation.Pdf.Votes", c.Row.VotesFits, c.Row.VotesConditions, c.Row.VotesNotFit), indent: 14, after: 1);
            if (c.Conflicts.Count > 0) pdf.Paragraph(F("Attestation.Pdf.Conflicts", string.Join(", ", c.Conflicts)), indent: 14, after: 1);
            pdf.Paragraph(F("Attestation.Pdf.Decision", c.Row.Decision is { } dec ? l["Attestation.Decision." + dec] : l["Attestation.NoDecision"]), bold: true, indent: 14, after: 1);
            if (c.Row.ChairDecided) pdf.Paragraph(l["Attestation.ChairDecided"], indent: 14, after: 1);
            if (!string.IsNullOrEmpty(c.Row.Conditions)) pdf.Paragraph(F("Attestation.Pdf.Conditions", c.Row.Conditions), indent: 14, after: 1);
            pdf.Space(6);
        }
        pdf.Rule();
        pdf.Paragraph(F("Attestation.Pdf.Closed", d.Sitting.ClosedAt is { } at ? Kz(at) : "—", d.Sitting.ClosedBy ?? "—"));
        pdf.Paragraph(l["Attestation.Pdf.HashNote"], 8.5);
        return pdf.Build();
    });

    /// <summary>The candidate's notice of the commission's decision (with the appeal deadline), in kk or ru.</summary>
    public async Task<byte[]?> NoticeAsync(Guid candidateId, string language, CancellationToken ct = default)
    {
        if (!Languages.Contains(language)) return null;
        var c = await db.AttestationCandidates.AsNoTracking().FirstOrDefaultAsync(x => x.Id == candidateId, ct);
        if (c?.Decision is not { } decision || c.DecidedSittingId is not { } sittingId) return null;
        var campaign = await db.AttestationCampaigns.AsNoTracking().FirstAsync(x => x.Id == c.CampaignId, ct);
        var e = await db.Employees.AsNoTracking().FirstAsync(x => x.Id == c.EmployeeId, ct);
        var sitting = await db.Set<Sitting>().AsNoTracking().FirstAsync(x => x.Id == sittingId, ct);
        var commission = await db.Set<Commission>().AsNoTracking().FirstAsync(x => x.Id == sitting.CommissionId, ct);
        var position = c.PositionId is { } pid ? await db.Positions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, ct) : null;
        var until = DateOnly.FromDateTime(c.DecidedAt!.Value.ToLocalKz()).AddDays(campaign.AppealDays);
        return In(language, () =>
        {
            using var pdf = new PdfTextFlow(l["Attestation.Pdf.NoticeTitle"], ProtocolMargin, ProtocolBottom, F("Attestation.Pdf.Footer", "{0}", "{1}"));
            pdf.Heading(l["Attestation.Pdf.NoticeTitle"], 15);
            pdf.Paragraph(e.FullName, 12, bold: true);
            if (position is not null) pdf.Paragraph(language == "kk" ? position.TitleKk : position.TitleRu);
            pdf.Rule();
            pdf.Paragraph(F("Attestation.Pdf.NoticeText", campaign.Name, commission.Name, Kz(sitting.ClosedAt ?? sitting.ScheduledAt)), 11);
            pdf.Space(6);
            pdf.Paragraph(l["Attestation.Decision." + decision], 13, bold: true);
            if (!string.IsNullOrEmpty(c.DecisionConditions)) pdf.Paragraph(F("Attestation.Pdf.Conditions", c.DecisionConditions), 11);
            pdf.Space(6);
            pdf.Paragraph(F("Attestation.Pdf.AppealUntil", until.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), campaign.AppealDays), 11);
            pdf.Paragraph(F("Attestation.Pdf.ProtocolRef", sitting.Id.ToString("N")[..8].ToUpperInvariant()), 9);
            return pdf.Build();
        });
    }
}
