using System.Text;
using CsvHelper;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Feedback.Pages.Feedback;

/// <summary>A unit head's team: per employee counted ratings and means over a period, a monthly trend, CSV export.
/// Policy: OrganisationEdit (administrator nationally, unit head on the subtree). Residents never appear.</summary>
[Authorize(Policy = Policies.OrganisationEdit)]
public sealed class TeamModel(FeedbackViews views, IText text, TimeProvider clock) : PageModel
{
    [FromQuery(Name = "from")] public DateOnly? FromQuery { get; set; }
    [FromQuery(Name = "to")] public DateOnly? ToQuery { get; set; }
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "format")] public string? Format { get; set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<TeamRow> Rows { get; private set; } = [];
    public IReadOnlyList<MonthPoint> Months { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        To = ToQuery ?? today;
        From = FromQuery ?? To.AddMonths(-3);
        if (From > To) { Error = text["Team.BadPeriod"]; (From, To) = (To, From); }
        var scope = OrganisationScope.For(User);
        var path = scope.Kind == ScopeKind.Subtree ? scope.UnitPath! : "/";
        Rows = await views.TeamAsync(path, From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), Q, ct);
        Months = await views.MonthlyForUnitsAsync(path, ct);
        if (string.Equals(Format, "csv", StringComparison.OrdinalIgnoreCase)) return Csv();
        if (string.Equals(Format, "xlsx", StringComparison.OrdinalIgnoreCase)) return Xlsx();
        return Page();
    }

    private FileContentResult Xlsx()
    {
        string[] headers = [text["Employee.PersonnelNumber"], text["Employee.FullName"], "n", text["Team.Courtesy"], text["Team.Competence"],
            text["Team.Timeliness"], text["Team.Resolved"], text["Team.Trust"], text["Team.Satisfied"]];
        var rows = Rows.Select(r => (IReadOnlyList<object?>)[r.PersonnelNumber, r.Name, r.Count, r.Courtesy, r.Competence, r.Timeliness, r.Resolved, r.Trust, r.ShareSatisfied]);
        return File(ExcelExport.Write(text["Team.Title"], headers, rows),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"senim-team-{From:yyyyMMdd}-{To:yyyyMMdd}.xlsx");
    }

    private FileContentResult Csv()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var h in new[] { "personnel_number", "name", "ratings", "courtesy", "competence", "timeliness", "resolved", "trust", "share_satisfied" }) csv.WriteField(h);
            csv.NextRecord();
            foreach (var r in Rows)
            {
                csv.WriteField(r.PersonnelNumber); csv.WriteField(r.Name); csv.WriteField(r.Count);
                foreach (var v in new[] { r.Courtesy, r.Competence, r.Timeliness, r.Resolved, r.Trust, r.ShareSatisfied })
                    csv.WriteField(v?.ToString("0.####", CultureInfo.InvariantCulture) ?? "");
                csv.NextRecord();
            }
        }
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(writer.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"senim-team-{From:yyyyMMdd}-{To:yyyyMMdd}.csv");
    }
}
