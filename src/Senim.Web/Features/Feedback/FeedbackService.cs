using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Senim.Web.Data;
using Senim.Web.Features.Feedback.Moderation;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Feedback;

public sealed record RegisterInteraction(
    string? Kind, Guid? UnitId, string? UnitCode, IReadOnlyList<Guid>? EmployeeIds, IReadOnlyList<string>? PersonnelNumbers,
    DateTime? OccurredAt, InteractionChannel? Channel, string? Phone, string? ExternalRef);

public sealed record RegisteredInteraction(Guid Id, string Code, string FeedbackUrl, string QrUrl, DateTime ExpiresAt);

/// <summary>A validation problem of one item: field name → resource keys (with arguments) of the messages.</summary>
public sealed record ItemErrors(int Index, Dictionary<string, List<(string Key, object[] Args)>> Fields);

public sealed record RatingInput(int? Courtesy, int? Competence, int? Timeliness, int? Resolved, int? Trust, string? Comment);

public enum SubmitResult { Created, Invalid, Unknown, Expired, AlreadyUsed, OwnInteraction }

public sealed record SubmitOutcome(SubmitResult Result, Guid? RatingId = null, RatingStatus? Status = null, CommentStatus? CommentStatus = null,
    Dictionary<string, List<(string Key, object[] Args)>>? Errors = null);

public sealed record InvitationView(Interaction Interaction, InteractionKind Kind, Unit Unit, IReadOnlyList<Employee> Employees, Rating? Rating,
    bool ShowEmployeeNames = true, bool ShowBadgeNumbers = true);

/// <summary>Registers interactions (each with its one-time code) and takes residents' ratings. The code is used
/// by one conditional UPDATE inside the rating's transaction, so a code submitted concurrently yields one rating.</summary>
public sealed class FeedbackService(SenimDb db, IOptions<FeedbackOptions> options, TimeProvider clock, RatingWriter writer)
{
    private readonly FeedbackOptions _o = options.Value;
    public const int MaxEmployeesPerInteraction = 10;

    public FeedbackOptions Options => _o;

    public string Hash(string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_o.HashKey), Encoding.UTF8.GetBytes(value)));

    /// <summary>Kazakhstan numbers: +7 / 8 followed by 10 digits; stored only as a keyed hash of "7XXXXXXXXXX".</summary>
    public static string? NormalisePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone) || phone.Length > 30) return null;
        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        if (phone.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '(' or ')' or '+'))) return null;
        if (digits.Length == 11 && (digits[0] == '8' || digits[0] == '7')) digits = "7" + digits[1..];
        else if (digits.Length == 10) digits = "7" + digits;
        return digits.Length == 11 && digits[1] == '7' ? digits : null;
    }

    /// <summary>The network a request came from (IPv4 /24, IPv6 /48), hashed: enough to see many ratings from one
    /// place, not enough to identify a person.</summary>
    public string? NetworkHash(IPAddress? ip)
    {
        if (ip is null) return null;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        var bytes = ip.GetAddressBytes();
        var prefix = bytes.Length == 4 ? bytes[..3] : bytes[..6];
        return Hash("net:" + Convert.ToHexString(prefix));
    }

    public async Task<(IReadOnlyList<RegisteredInteraction> Created, IReadOnlyList<ItemErrors> Errors)> RegisterAsync(
        IReadOnlyList<RegisterInteraction> items, string registeredBy, InteractionSource source, OrgScope? staffScope,
        Func<string, (string FeedbackUrl, string QrUrl)> links, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var kinds = await db.InteractionKinds.AsNoTracking().Where(k => k.IsActive).ToDictionaryAsync(k => k.Code, ct);
        var unitIds = items.Where(i => i.UnitId is not null).Select(i => i.UnitId!.Value).Distinct().ToList();
        var unitCodes = items.Where(i => i.UnitId is null && !string.IsNullOrWhiteSpace(i.UnitCode)).Select(i => i.UnitCode!.Trim()).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id) || unitCodes.Contains(u.Code)).ToListAsync(ct);
        var unitById = units.ToDictionary(u => u.Id);
        var unitByCode = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var empIds = items.SelectMany(i => i.EmployeeIds ?? []).Distinct().ToList();
        var numbers = items.SelectMany(i => i.PersonnelNumbers ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct().ToList();
        var employees = await db.Employees.AsNoTracking().Where(e => empIds.Contains(e.Id) || numbers.Contains(e.PersonnelNumber))
            .Select(e => new { e.Id, e.PersonnelNumber }).ToListAsync(ct);
        var empById = employees.Select(e => e.Id).ToHashSet();
        var empByNumber = employees.ToDictionary(e => e.PersonnelNumber, e => e.Id, StringComparer.Ordinal);
        var refs = items.Where(i => !string.IsNullOrWhiteSpace(i.ExternalRef)).Select(i => i.ExternalRef!.Trim()).ToList();
        var existing = refs.Count == 0 ? [] : await db.Interactions.AsNoTracking()
            .Where(x => x.Source == source && x.RegisteredBy == registeredBy && x.ExternalRef != null && refs.Contains(x.ExternalRef))
            .ToDictionaryAsync(x => x.ExternalRef!, ct);

        var errors = new List<ItemErrors>();
        var toAdd = new List<(int Index, Interaction Interaction, List<Guid> Employees)>();
        var seenRefs = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            var e = new Dictionary<string, List<(string, object[])>>();
            void Add(string field, string key, params object[] args)
            {
                if (!e.TryGetValue(field, out var list)) e[field] = list = [];
                list.Add((key, args));
            }

            InteractionKind? kind = null;
            if (string.IsNullOrWhiteSpace(item.Kind)) Add("kind", "Interaction.KindRequired");
            else if (!kinds.TryGetValue(item.Kind.Trim(), out kind)) Add("kind", "Interaction.KindUnknown", item.Kind);

            Unit? unit = null;
            if (item.UnitId is { } uid) { if (!unitById.TryGetValue(uid, out unit)) Add("unitId", "Interaction.UnitUnknown", uid); }
            else if (!string.IsNullOrWhiteSpace(item.UnitCode)) { if (!unitByCode.TryGetValue(item.UnitCode.Trim(), out unit)) Add("unitCode", "Interaction.UnitUnknown", item.UnitCode); }
            else Add("unitId", "Interaction.UnitRequired");
            if (unit is not null && staffScope is not null && !staffScope.Covers(unit)) Add("unitId", "Interaction.UnitOutOfScope");

            var staff = new List<Guid>();
            foreach (var id in item.EmployeeIds ?? [])
            {
                if (empById.Contains(id)) staff.Add(id); else Add("employeeIds", "Interaction.EmployeeUnknown", id);
            }
            foreach (var n in item.PersonnelNumbers ?? [])
            {
                if (n is not null && empByNumber.TryGetValue(n.Trim(), out var id)) staff.Add(id); else Add("personnelNumbers", "Interaction.EmployeeUnknown", n ?? "");
            }
            staff = [.. staff.Distinct()];
            if (staff.Count > MaxEmployeesPerInteraction) Add("employeeIds", "Interaction.TooManyEmployees", MaxEmployeesPerInteraction);

            if (item.OccurredAt is not { } occurred) Add("occurredAt", "Interaction.OccurredRequired");
            else
            {
                var utc = occurred.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(occurred, DateTimeKind.Utc) : occurred.ToUniversalTime();
                if (utc > now.AddMinutes(5)) Add("occurredAt", "Interaction.OccurredFuture");
                else if (utc < now.AddDays(-30)) Add("occurredAt", "Interaction.OccurredTooOld", 30);
            }
            if (item.Channel is { } ch && !Enum.IsDefined(ch)) Add("channel", "Interaction.ChannelUnknown");
            string? phone = null;
            if (!string.IsNullOrWhiteSpace(item.Phone) && (phone = NormalisePhone(item.Phone)) is null) Add("phone", "Interaction.PhoneInvalid");
            var externalRef = string.IsNullOrWhiteSpace(item.ExternalRef) ? null : item.ExternalRef.Trim();
            if (externalRef is { Length: > 100 }) Add("externalRef", "Interaction.ExternalRefTooLong", 100);
            else if (externalRef is not null && !seenRefs.Add(externalRef)) Add("externalRef", "Interaction.ExternalRefRepeated", externalRef);

            if (e.Count > 0) { errors.Add(new ItemErrors(index, e)); continue; }
            if (externalRef is not null && existing.ContainsKey(externalRef)) continue; // idempotent repeat: answered below

            var occurredUtc = item.OccurredAt!.Value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(item.OccurredAt.Value, DateTimeKind.Utc) : item.OccurredAt.Value.ToUniversalTime();
            toAdd.Add((index, new Interaction
            {
                KindId = kind!.Id, UnitId = unit!.Id, OccurredAt = occurredUtc, Channel = item.Channel ?? InteractionChannel.InPerson,
                PhoneHash = phone is null ? null : Hash("phone:" + phone), Source = source, ExternalRef = externalRef,
                RegisteredBy = registeredBy, RegisteredAt = now, Code = InvitationCode.New(), ExpiresAt = now.AddDays(_o.CodeLifetimeDays),
            }, staff));
        }
        if (errors.Count > 0) return ([], errors);

        if (toAdd.Count > 0)
        {
            var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                db.Interactions.AddRange(toAdd.Select(a => a.Interaction));
                db.InteractionEmployees.AddRange(toAdd.SelectMany(a => a.Employees.Select(id => new InteractionEmployee { InteractionId = a.Interaction.Id, EmployeeId = id })));
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            finally
            {
                db.ChangeTracker.Clear();
                db.ChangeTracker.AutoDetectChangesEnabled = tracking;
            }
        }
        var byIndex = toAdd.ToDictionary(a => a.Index, a => a.Interaction);
        var result = new List<RegisteredInteraction>(items.Count);
        for (var index = 0; index < items.Count; index++)
        {
            var x = byIndex.TryGetValue(index, out var added) ? added : existing[items[index].ExternalRef!.Trim()];
            var (feedbackUrl, qrUrl) = links(x.Code);
            result.Add(new RegisteredInteraction(x.Id, x.Code, feedbackUrl, qrUrl, x.ExpiresAt));
        }
        return (result, []);
    }

    public async Task<InvitationView?> FindAsync(string code, CancellationToken ct = default)
    {
        var interaction = await db.Interactions.AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, ct);
        if (interaction is null) return null;
        var kind = await db.InteractionKinds.AsNoTracking().FirstAsync(k => k.Id == interaction.KindId, ct);
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == interaction.UnitId, ct);
        var employees = await db.Employees.AsNoTracking()
            .Where(e => db.InteractionEmployees.Any(ie => ie.InteractionId == interaction.Id && ie.EmployeeId == e.Id)).ToListAsync(ct);
        var rating = interaction.UsedAt is null ? null : await db.Ratings.AsNoTracking().FirstOrDefaultAsync(r => r.InteractionId == interaction.Id, ct);
        var display = await DisplaySettingsAsync(unit, ct);
        return new InvitationView(interaction, kind, unit, employees, rating, display.ShowEmployeeNames, display.ShowBadgeNumbers);
    }

    /// <summary>The unit's own setting, else the nearest configured ancestor's, else show both.</summary>
    public async Task<(bool ShowEmployeeNames, bool ShowBadgeNumbers)> DisplaySettingsAsync(Unit unit, CancellationToken ct = default)
    {
        var ids = unit.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();
        var settings = await db.UnitFeedbackSettings.AsNoTracking().Where(s => ids.Contains(s.UnitId)).ToListAsync(ct);
        var nearest = settings.OrderByDescending(s => ids.IndexOf(s.UnitId)).FirstOrDefault();
        return nearest is null ? (true, true) : (nearest.ShowEmployeeNames, nearest.ShowBadgeNumbers);
    }

    public static Dictionary<string, List<(string Key, object[] Args)>> Validate(RatingInput input)
    {
        var e = new Dictionary<string, List<(string, object[])>>();
        void Scale(string field, int? value, int min, int max)
        {
            if (value is null) e[field] = [("Rating.Required", [])];
            else if (value < min || value > max) e[field] = [("Rating.OutOfRange", [min, max])];
        }
        Scale("courtesy", input.Courtesy, 1, 5);
        Scale("competence", input.Competence, 1, 5);
        Scale("timeliness", input.Timeliness, 1, 5);
        Scale("resolved", input.Resolved, 1, 5);
        Scale("trust", input.Trust, 0, 10);
        if (input.Comment is { Length: > 1000 }) e["comment"] = [("Rating.CommentTooLong", [1000])];
        return e;
    }

    public async Task<SubmitOutcome> SubmitAsync(string? typedCode, RatingInput input, IPAddress? ip, string culture, Guid? staffEmployeeId, CancellationToken ct = default)
    {
        var code = InvitationCode.Normalise(typedCode);
        if (code is null) return new(SubmitResult.Unknown);
        // A valid rating goes to the group-commit writer; an invalid one only needs the code's status and the errors.
        if (writer.Enabled && Validate(input).Count == 0 &&
            await writer.SubmitAsync(new PendingRating(code, input, NetworkHash(ip), culture, staffEmployeeId), ct) is { } outcome)
            return outcome;
        return await SubmitOneAsync(code, input, NetworkHash(ip), culture, staffEmployeeId, ct);
    }

    /// <summary>One rating in its own transaction: the path for invalid input, for a writer that is stopping, and for a
    /// batch that has to be retried rating by rating.</summary>
    private async Task<SubmitOutcome> SubmitOneAsync(string code, RatingInput input, string? network, string culture, Guid? staffEmployeeId, CancellationToken ct)
    {
        var errors = Validate(input);
        var interaction = await db.Interactions.AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, ct);
        if (interaction is null) return new(SubmitResult.Unknown);
        var now = clock.GetUtcNow().UtcDateTime;
        if (interaction.UsedAt is not null) return new(SubmitResult.AlreadyUsed);
        if (interaction.ExpiresAt <= now) return new(SubmitResult.Expired);
        if (errors.Count > 0) return new(SubmitResult.Invalid, Errors: errors);
        var staff = await db.InteractionEmployees.AsNoTracking().Where(x => x.InteractionId == interaction.Id).Select(x => x.EmployeeId).ToListAsync(ct);
        if (staffEmployeeId is { } me && staff.Contains(me)) return new(SubmitResult.OwnInteraction);

        // Comments are screened before anyone sees them: personal data masked, profanity held for a moderator.
        string? comment = null;
        var commentStatus = CommentStatus.None;
        var reasons = new List<string>();
        if (!string.IsNullOrWhiteSpace(input.Comment))
        {
            var people = staff.Count == 0 ? [] : await db.Employees.AsNoTracking().Where(x => staff.Contains(x.Id))
                .Select(x => new { x.LastName, x.FirstName, x.MiddleName }).ToListAsync(ct);
            var names = people.SelectMany(x => new[] { x.LastName, x.FirstName, x.MiddleName }).OfType<string>().ToList();
            var screened = CommentScreen.Screen(input.Comment, names);
            comment = screened.Text.Length == 0 ? null : screened.Text;
            commentStatus = comment is null ? CommentStatus.None : screened.Hold ? CommentStatus.Held : CommentStatus.Published;
            if (screened.Hold) reasons.AddRange(screened.Reasons.Where(r => r.StartsWith("profanity", StringComparison.Ordinal)));
        }

        // Anti-manipulation: such ratings are held (not counted) and flagged with the reason.
        var hold = new List<string>();
        var dayAgo = now.AddDays(-1);
        if (network is not null && await db.Ratings.CountAsync(r => r.NetworkHash == network && r.SubmittedAt > dayAgo, ct) >= _o.SameSourcePerDay)
            hold.Add("network");
        if (interaction.PhoneHash is { } phone && await db.Ratings.CountAsync(r => r.PhoneHash == phone && r.SubmittedAt > dayAgo, ct) >= _o.SameSourcePerDay)
            hold.Add("phone");
        var sum = input.Courtesy!.Value + input.Competence!.Value + input.Timeliness!.Value + input.Resolved!.Value;
        if (staff.Count > 0 && sum is <= 8 or >= 19)
        {
            var windowStart = now.AddMinutes(-_o.BurstWindowMinutes);
            var low = sum <= 8;
            // From the employees' interactions to their ratings (indexed both ways), not a scan of every recent rating.
            var similar = await (
                from ie in db.InteractionEmployees
                where staff.Contains(ie.EmployeeId)
                join r in db.Ratings on ie.InteractionId equals r.InteractionId
                where r.SubmittedAt > windowStart
                    && (low ? r.Courtesy + r.Competence + r.Timeliness + r.Resolved <= 8 : r.Courtesy + r.Competence + r.Timeliness + r.Resolved >= 19)
                select r.Id).Distinct().CountAsync(ct);
            if (similar + 1 >= _o.BurstCount) hold.Add(low ? "burst-low" : "burst-high");
        }

        var rating = new Rating
        {
            InteractionId = interaction.Id, UnitId = interaction.UnitId, KindId = interaction.KindId, SubmittedAt = now,
            Courtesy = input.Courtesy.Value, Competence = input.Competence.Value, Timeliness = input.Timeliness.Value,
            Resolved = input.Resolved.Value, Trust = input.Trust!.Value, Comment = comment, CommentStatus = commentStatus,
            Status = hold.Count > 0 ? RatingStatus.Held : RatingStatus.Counted,
            HoldReason = hold.Count + reasons.Count > 0 ? string.Join(",", hold.Concat(reasons)) : null,
            NetworkHash = network, PhoneHash = interaction.PhoneHash, Culture = culture,
        };

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var used = await db.Interactions
            .Where(i => i.Id == interaction.Id && i.UsedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now), ct);
        if (used == 0)
        {
            await tx.RollbackAsync(ct);
            return new(SubmitResult.AlreadyUsed);
        }
        db.Ratings.Add(rating);
        try
        {
            await db.SaveChangesAsync(ct);
            if (rating.Status == RatingStatus.Counted)
            {
                var methodology = await Scoring.ScoreBuckets.ActiveAsync(db, ct);
                await Scoring.ScoreBuckets.ApplyAsync(db, Scoring.ScoreBuckets.Deltas([(rating, staff, +1)], methodology).Values, ct);
            }
        }
        catch (DbUpdateException)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new(SubmitResult.AlreadyUsed);
        }
        await tx.CommitAsync(ct);
        return new(SubmitResult.Created, rating.Id, rating.Status, rating.CommentStatus);
    }

    public static string FormatCode(string code) => InvitationCode.Display(code);

    public static string CultureOf(CultureInfo c) => c.TwoLetterISOLanguageName is "ru" or "en" ? c.TwoLetterISOLanguageName : "kk";

    /// <summary>Writes a batch of valid ratings queued by <see cref="RatingWriter"/>: the same checks, screening and
    /// anti-manipulation rules as one rating at a time (counts taken once per batch, plus the batch's own earlier
    /// ratings), then one transaction that uses every code with one conditional UPDATE and inserts the ratings.
    /// Completes each rating's outcome after the commit.</summary>
    internal async Task WriteBatchAsync(IReadOnlyList<PendingRating> batch, CancellationToken ct)
    {
        // One connection for the whole batch (its reads, then its transaction): otherwise each read outside the
        // transaction takes a pooled connection and gives it back, and every return costs a reset round trip.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await WriteOpenBatchAsync(batch, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task WriteOpenBatchAsync(IReadOnlyList<PendingRating> batch, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var codes = batch.Select(p => p.Code).Distinct().ToList();
        var interactions = await db.Interactions.AsNoTracking().Where(i => codes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, StringComparer.Ordinal, ct);
        var live = new List<(PendingRating P, Interaction I)>(batch.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in batch)
        {
            if (!interactions.TryGetValue(p.Code, out var i)) p.Done.TrySetResult(new(SubmitResult.Unknown));
            else if (i.UsedAt is not null || !seen.Add(p.Code)) p.Done.TrySetResult(new(SubmitResult.AlreadyUsed));
            else if (i.ExpiresAt <= now) p.Done.TrySetResult(new(SubmitResult.Expired));
            else live.Add((p, i));
        }
        if (live.Count == 0) return;

        var ids = live.Select(x => x.I.Id).ToList();
        var staff = (await db.InteractionEmployees.AsNoTracking().Where(x => ids.Contains(x.InteractionId))
            .Select(x => new { x.InteractionId, x.EmployeeId }).ToListAsync(ct)).ToLookup(x => x.InteractionId, x => x.EmployeeId);
        live.RemoveAll(x =>
        {
            if (x.P.StaffEmployeeId is not { } me || !staff[x.I.Id].Contains(me)) return false;
            x.P.Done.TrySetResult(new(SubmitResult.OwnInteraction));
            return true;
        });
        if (live.Count == 0) return;

        // Names of the staff, for masking them in comments (only when a comment came in).
        var named = live.Where(x => !string.IsNullOrWhiteSpace(x.P.Input.Comment)).SelectMany(x => staff[x.I.Id]).Distinct().ToList();
        var names = named.Count == 0 ? [] : (await db.Employees.AsNoTracking().Where(e => named.Contains(e.Id))
            .Select(e => new { e.Id, e.LastName, e.FirstName, e.MiddleName }).ToListAsync(ct))
            .ToDictionary(e => e.Id, e => new[] { e.LastName, e.FirstName, e.MiddleName }.OfType<string>().ToList());

        // Anti-manipulation counts, once per batch.
        var dayAgo = now.AddDays(-1);
        var networks = live.Select(x => x.P.Network).OfType<string>().Distinct().ToList();
        var byNetwork = await RecentCountsAsync(networks, phone: false, dayAgo, ct);
        var phones = live.Select(x => x.I.PhoneHash).OfType<string>().Distinct().ToList();
        var byPhone = await RecentCountsAsync(phones, phone: true, dayAgo, ct);
        var windowStart = now.AddMinutes(-_o.BurstWindowMinutes);
        async Task<Dictionary<Guid, int>> SimilarAsync(bool low)
        {
            var employees = live.Where(x => IsExtreme(x.P.Input, low)).SelectMany(x => staff[x.I.Id]).Distinct().ToList();
            if (employees.Count == 0) return [];
            return await (
                from ie in db.InteractionEmployees
                where employees.Contains(ie.EmployeeId)
                join r in db.Ratings on ie.InteractionId equals r.InteractionId
                where r.SubmittedAt > windowStart
                    && (low ? r.Courtesy + r.Competence + r.Timeliness + r.Resolved <= 8 : r.Courtesy + r.Competence + r.Timeliness + r.Resolved >= 19)
                group r by ie.EmployeeId into g
                select new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
        }
        var similarLow = await SimilarAsync(low: true);
        var similarHigh = await SimilarAsync(low: false);

        var ratings = new List<(PendingRating P, Rating R)>(live.Count);
        foreach (var (p, i) in live)
        {
            var input = p.Input;
            string? comment = null;
            var commentStatus = CommentStatus.None;
            var hold = new List<string>();
            var reasons = new List<string>();
            if (!string.IsNullOrWhiteSpace(input.Comment))
            {
                var screened = CommentScreen.Screen(input.Comment, [.. staff[i.Id].SelectMany(e => names.GetValueOrDefault(e) ?? [])]);
                comment = screened.Text.Length == 0 ? null : screened.Text;
                commentStatus = comment is null ? CommentStatus.None : screened.Hold ? CommentStatus.Held : CommentStatus.Published;
                if (screened.Hold) reasons.AddRange(screened.Reasons.Where(r => r.StartsWith("profanity", StringComparison.Ordinal)));
            }
            if (p.Network is { } network && Bump(byNetwork, network) > _o.SameSourcePerDay) hold.Add("network");
            if (i.PhoneHash is { } phone && Bump(byPhone, phone) > _o.SameSourcePerDay) hold.Add("phone");
            var members = staff[i.Id].ToList();
            foreach (var low in new[] { true, false })
            {
                if (members.Count == 0 || !IsExtreme(input, low)) continue;
                var counts = low ? similarLow : similarHigh;
                // The busiest of the interaction's staff decides (for the usual one-employee interaction: that employee).
                var similar = members.Max(e => counts.GetValueOrDefault(e));
                foreach (var e in members) counts[e] = counts.GetValueOrDefault(e) + 1;
                if (similar + 1 >= _o.BurstCount) hold.Add(low ? "burst-low" : "burst-high");
            }
            ratings.Add((p, new Rating
            {
                InteractionId = i.Id, UnitId = i.UnitId, KindId = i.KindId, SubmittedAt = now,
                Courtesy = input.Courtesy!.Value, Competence = input.Competence!.Value, Timeliness = input.Timeliness!.Value,
                Resolved = input.Resolved!.Value, Trust = input.Trust!.Value, Comment = comment, CommentStatus = commentStatus,
                Status = hold.Count > 0 ? RatingStatus.Held : RatingStatus.Counted,
                HoldReason = hold.Count + reasons.Count > 0 ? string.Join(",", hold.Concat(reasons)) : null,
                NetworkHash = p.Network, PhoneHash = i.PhoneHash, Culture = p.Culture,
            }));
        }

        HashSet<Guid> won;
        var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var npgsql = db.Database.IsNpgsql();
            won = npgsql ? await UseCodesAndInsertAsync(ratings.ConvertAll(x => x.R), now, ct) : await UseCodesAsync([.. ratings.Select(x => x.R.InteractionId)], now, ct);
            var written = ratings.Where(x => won.Contains(x.R.InteractionId)).Select(x => x.R).ToList();
            if (!npgsql)
            {
                db.Ratings.AddRange(written);
                await db.SaveChangesAsync(ct);
            }
            // Scores' sufficient statistics move with the ratings, in the same transaction.
            var counted = written.Where(r => r.Status == RatingStatus.Counted).ToList();
            if (counted.Count > 0)
            {
                var methodology = await Scoring.ScoreBuckets.ActiveAsync(db, ct);
                var deltas = Scoring.ScoreBuckets.Deltas(counted.Select(r => (r, staff[r.InteractionId], +1)), methodology);
                await Scoring.ScoreBuckets.ApplyAsync(db, deltas.Values, ct);
            }
            await tx.CommitAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Another node wrote one of these ratings between our checks and our insert: retry them one by one.
            db.ChangeTracker.Clear();
            foreach (var (p, _) in ratings)
                p.Done.TrySetResult(await SubmitOneAsync(p.Code, p.Input, p.Network, p.Culture, p.StaffEmployeeId, ct));
            return;
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
        }
        foreach (var (p, r) in ratings)
            p.Done.TrySetResult(won.Contains(r.InteractionId) ? new(SubmitResult.Created, r.Id, r.Status, r.CommentStatus) : new(SubmitResult.AlreadyUsed));
    }

    /// <summary>Ratings from each source (network or phone hash) since <paramref name="since"/>, counted only up to the
    /// limit that matters (SameSourcePerDay): a busy source costs a bounded index scan, not one row per rating it ever sent.</summary>
    private async Task<Dictionary<string, int>> RecentCountsAsync(List<string> sources, bool phone, DateTime since, CancellationToken ct)
    {
        if (sources.Count == 0) return new(StringComparer.Ordinal);
        var limit = _o.SameSourcePerDay;
        if (db.Database.IsNpgsql())
        {
            var rows = phone
                ? db.Database.SqlQuery<SourceCount>($"""
                    SELECT s AS "Source", (SELECT count(*)::int FROM (SELECT 1 FROM ratings r WHERE r."PhoneHash" = s AND r."SubmittedAt" > {since} LIMIT {limit}) x) AS "N"
                    FROM unnest({sources.ToArray()}) AS s
                    """)
                : db.Database.SqlQuery<SourceCount>($"""
                    SELECT s AS "Source", (SELECT count(*)::int FROM (SELECT 1 FROM ratings r WHERE r."NetworkHash" = s AND r."SubmittedAt" > {since} LIMIT {limit}) x) AS "N"
                    FROM unnest({sources.ToArray()}) AS s
                    """);
            return await rows.ToDictionaryAsync(x => x.Source, x => x.N, StringComparer.Ordinal, ct);
        }
        var query = phone
            ? db.Ratings.AsNoTracking().Where(r => r.PhoneHash != null && sources.Contains(r.PhoneHash) && r.SubmittedAt > since).GroupBy(r => r.PhoneHash!)
            : db.Ratings.AsNoTracking().Where(r => r.NetworkHash != null && sources.Contains(r.NetworkHash) && r.SubmittedAt > since).GroupBy(r => r.NetworkHash!);
        return await query.Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, StringComparer.Ordinal, ct);
    }

    private sealed record SourceCount(string Source, int N);

    private static bool IsExtreme(RatingInput input, bool low)
    {
        var sum = input.Courtesy!.Value + input.Competence!.Value + input.Timeliness!.Value + input.Resolved!.Value;
        return low ? sum <= 8 : sum >= 19;
    }

    /// <summary>Counts one more rating from a source and returns the new count.</summary>
    private static int Bump(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    /// <summary>PostgreSQL: marks the codes used (only those still unused and unexpired) and inserts the ratings of the
    /// codes this transaction won, in one statement whose text never changes: a data-modifying CTE over arrays, one
    /// parameter per column (PostgreSQL's unnest). Npgsql prepares it once per connection, and positional parameters
    /// spare it any SQL rewriting. Before, a batch took four round trips here (the UPDATE, a savepoint, EF's
    /// multi-row INSERT with 18 parameters per rating and a text that changed with the batch size, the savepoint's
    /// release). Returns the interactions won; rows are locked in the order of the primary key index, as before.</summary>
    private async Task<HashSet<Guid>> UseCodesAndInsertAsync(List<Rating> ratings, DateTime now, CancellationToken ct)
    {
        const string sql = """
            WITH used AS (
                UPDATE interactions SET "UsedAt" = $1 WHERE "Id" = ANY($3) AND "UsedAt" IS NULL AND "ExpiresAt" > $1 RETURNING "Id")
            INSERT INTO ratings ("Id", "InteractionId", "UnitId", "KindId", "SubmittedAt", "Courtesy", "Competence", "Timeliness",
                "Resolved", "Trust", "Comment", "CommentStatus", "Status", "HoldReason", "NetworkHash", "PhoneHash", "Culture", "Version")
            SELECT r.id, r.interaction, r.unit, r.kind, $1, r.courtesy, r.competence, r.timeliness, r.resolved, r.trust, r.comment,
                r.comment_status, r.status, r.hold, r.network, r.phone, r.culture, 0
            FROM unnest($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                AS r(id, interaction, unit, kind, courtesy, competence, timeliness, resolved, trust, comment, comment_status, status, hold,
                     network, phone, culture)
            JOIN used ON used."Id" = r.interaction
            RETURNING "InteractionId"
            """;
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection)
        {
            Transaction = (Npgsql.NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
        };
        command.Parameters.Add(new Npgsql.NpgsqlParameter<DateTime> { TypedValue = now, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        void Add<T>(Func<Rating, T> value, NpgsqlTypes.NpgsqlDbType type) => command.Parameters.Add(
            new Npgsql.NpgsqlParameter<T[]> { TypedValue = [.. ratings.Select(value)], NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | type });
        Add(r => r.Id, NpgsqlTypes.NpgsqlDbType.Uuid);
        Add(r => r.InteractionId, NpgsqlTypes.NpgsqlDbType.Uuid);
        Add(r => r.UnitId, NpgsqlTypes.NpgsqlDbType.Uuid);
        Add(r => r.KindId, NpgsqlTypes.NpgsqlDbType.Uuid);
        Add(r => r.Courtesy, NpgsqlTypes.NpgsqlDbType.Integer);
        Add(r => r.Competence, NpgsqlTypes.NpgsqlDbType.Integer);
        Add(r => r.Timeliness, NpgsqlTypes.NpgsqlDbType.Integer);
        Add(r => r.Resolved, NpgsqlTypes.NpgsqlDbType.Integer);
        Add(r => r.Trust, NpgsqlTypes.NpgsqlDbType.Integer);
        Add(r => r.Comment, NpgsqlTypes.NpgsqlDbType.Text);
        Add(r => (int)r.CommentStatus, NpgsqlTypes.NpgsqlDbType.Integer);
        Add(r => (int)r.Status, NpgsqlTypes.NpgsqlDbType.Integer);
        Add(r => r.HoldReason, NpgsqlTypes.NpgsqlDbType.Text);
        Add(r => r.NetworkHash, NpgsqlTypes.NpgsqlDbType.Text);
        Add(r => r.PhoneHash, NpgsqlTypes.NpgsqlDbType.Text);
        Add(r => r.Culture, NpgsqlTypes.NpgsqlDbType.Text);
        var won = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) won.Add(reader.GetGuid(0));
        return won;
    }

    /// <summary>SQLite (one writer at a time anyway): marks the codes used — only those still unused and unexpired —
    /// with one conditional UPDATE per code, and returns the interactions this transaction won.</summary>
    private async Task<HashSet<Guid>> UseCodesAsync(List<Guid> ids, DateTime now, CancellationToken ct)
    {
        var result = new HashSet<Guid>();
        foreach (var id in ids)
        {
            if (await db.Interactions.Where(i => i.Id == id && i.UsedAt == null && i.ExpiresAt > now)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now), ct) == 1)
                result.Add(id);
        }
        return result;
    }
}
