using Senim.Web.Features.Indicators;

namespace Senim.Web.Features.Indicators.Pages.Indicators;

public sealed record IndicatorFormModel(IndicatorInput Input, bool IsNew, IReadOnlyCollection<IIndicatorSource> Sources, string SubmitText, string Handler);

public sealed record ScorecardFormModel(ScorecardInput Input, bool IsNew, IReadOnlyList<IndicatorDefinition> Indicators, string SubmitText, string Handler);
