using Microsoft.Extensions.Options;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Indicators;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Indicators.Pages.Scorecards;

/// <summary>An employee's scorecard and early-warning flags. Policy Staff, then the employee must be in the viewer's
/// scope (an employee sees only their own, on /Scorecards/Me).</summary>
public sealed class EmployeeModel(ScorecardQueries queries, ScorecardRecompute recompute, IOptions<IndicatorOptions> options, IText text,
    OrganisationQueries org, IAuthorizationService auth, FlagService flags)
    : ScorecardPageBase(queries, recompute, options, text)
{
    public EmployeeResource Record { get; private set; } = null!;
    public bool CanSeeUnit { get; private set; }
    public IReadOnlyList<FlagRow> Flags { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var record = await org.EmployeeAsync(id, ct);
        if (record is null) return NotFound();
        if (!(await auth.AuthorizeAsync(User, record, OrganisationAccess.Read)).Succeeded) return Forbid();
        if (Scope.Kind == ScopeKind.Self) return Redirect("/Scorecards/Me" + (Request.QueryString.HasValue ? Request.QueryString.Value : ""));
        Record = record;
        CanSeeUnit = (await auth.AuthorizeAsync(User, record.Unit, OrganisationAccess.Read)).Succeeded;
        await ResolvePeriodAsync(ct);
        View = await LoadViewAsync(IndicatorLevel.Employee, Subject.KeyOf(id), record.Employee.FullName, ct);
        Flags = await flags.OfSubjectAsync(IndicatorLevel.Employee, id, ct);
        return PageOrExport();
    }
}
