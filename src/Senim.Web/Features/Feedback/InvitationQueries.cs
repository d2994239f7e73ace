using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Feedback;

public sealed record InvitationView(Interaction Interaction, InteractionKind Kind, Unit Unit, IReadOnlyList<Employee> Employees, Rating? Rating,
    bool ShowEmployeeNames = true, bool ShowBadgeNumbers = true);

/// <summary>An invitation as the resident's page shows it: the interaction behind a code, its kind, unit and staff (as
/// the unit's display settings allow), and the rating once given.</summary>
public sealed class InvitationQueries(SenimDb db)
{
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
}
