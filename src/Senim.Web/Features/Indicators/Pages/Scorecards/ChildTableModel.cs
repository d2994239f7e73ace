using Senim.Web.Features.Indicators;

namespace Senim.Web.Features.Indicators.Pages.Scorecards;

/// <summary>A drill-down table: the children of the subject on the page, each with its stored composite.</summary>
public sealed record ChildTableModel(IReadOnlyList<ChildRow> Rows, string Caption, string NameHeader, string Id);
