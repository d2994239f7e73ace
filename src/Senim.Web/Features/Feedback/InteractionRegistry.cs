using Microsoft.Extensions.Options;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Feedback;

public sealed record RegisterInteraction(
    string? Kind, Guid? UnitId, string? UnitCode, IReadOnlyList<Guid>? EmployeeIds, IReadOnlyList<string>? PersonnelNumbers,
    DateTime? OccurredAt, InteractionChannel? Channel, string? Phone, string? ExternalRef);

public sealed record RegisteredInteraction(Guid Id, string Code, string FeedbackUrl, string QrUrl, DateTime ExpiresAt);

/// <summary>A validation problem of one item: field name → resource keys (with arguments) of the messages.</summary>
public sealed record ItemErrors(int Index, Dictionary<string, List<(string Key, object[] Args)>> Fields);

/// <summary>Registers interactions, each with its one-time code: from other state systems (API key) and from staff (a
/// unit head only within the subtree). All or nothing per request; an external reference already registered by the same
/// caller answers the interaction it registered then (idempotent repeats). A resident's phone is kept only as a keyed hash.</summary>
public sealed class InteractionRegistry(SenimDb db, IOptions<FeedbackOptions> options, ResidentPrivacy privacy, TimeProvider clock)
{
    public const int MaxEmployeesPerInteraction = 10;

    public async Task<(IReadOnlyList<RegisteredInteraction> Created, IReadOnlyList<ItemErrors> Errors)> RegisterAsync(
        IReadOnlyList<RegisterInteraction> items, string registeredBy, InteractionSource source, OrganisationScope? staffScope,
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
            if (!string.IsNullOrWhiteSpace(item.Phone) && (phone = ResidentPrivacy.NormalisePhone(item.Phone)) is null) Add("phone", "Interaction.PhoneInvalid");
            var externalRef = string.IsNullOrWhiteSpace(item.ExternalRef) ? null : item.ExternalRef.Trim();
            if (externalRef is { Length: > 100 }) Add("externalRef", "Interaction.ExternalRefTooLong", 100);
            else if (externalRef is not null && !seenRefs.Add(externalRef)) Add("externalRef", "Interaction.ExternalRefRepeated", externalRef);

            if (e.Count > 0) { errors.Add(new ItemErrors(index, e)); continue; }
            if (externalRef is not null && existing.ContainsKey(externalRef)) continue; // idempotent repeat: answered below

            var occurredUtc = item.OccurredAt!.Value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(item.OccurredAt.Value, DateTimeKind.Utc) : item.OccurredAt.Value.ToUniversalTime();
            toAdd.Add((index, new Interaction
            {
                KindId = kind!.Id, UnitId = unit!.Id, OccurredAt = occurredUtc, Channel = item.Channel ?? InteractionChannel.InPerson,
                PhoneHash = phone is null ? null : privacy.PhoneHash(phone), Source = source, ExternalRef = externalRef,
                RegisteredBy = registeredBy, RegisteredAt = now, Code = InvitationCode.New(), ExpiresAt = now.AddDays(options.Value.CodeLifetimeDays),
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
}
