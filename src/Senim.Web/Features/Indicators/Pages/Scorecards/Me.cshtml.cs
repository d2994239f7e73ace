using Microsoft.Extensions.Options;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Indicators;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Indicators.Pages.Scorecards;

/// <summary>An employee's own scorecard, their early-warning flags and the actions their head recorded. Only for
/// people bound to an employee record.</summary>
public sealed class MeModel(ScorecardQueries queries, ScorecardRecompute recompute, IOptions<IndicatorOptions> options, IText text,
    OrganisationQueries org, FlagService flags)
    : ScorecardPageBase(queries, recompute, options, text)
{
    public EmployeeResource Record { get; private set; } = null!;
    public IReadOnlyList<FlagRow> Flags { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.EmployeeId() is not { } id) return Forbid();
        var record = await org.EmployeeAsync(id, ct);
        if (record is null) return Forbid();
        Record = record;
        await ResolvePeriodAsync(ct);
        View = await LoadViewAsync(IndicatorLevel.Employee, Subject.KeyOf(id), record.Employee.FullName, ct);
        Flags = await flags.OfSubjectAsync(IndicatorLevel.Employee, id, ct);
        return PageOrExport();
    }
}
