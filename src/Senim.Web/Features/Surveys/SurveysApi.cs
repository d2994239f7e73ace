using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Feedback.Invitations;

namespace Senim.Web.Features.Surveys;

public static class SurveysApi
{
    public sealed record ChangeDto(string FromPeriod, double Difference, double Lower, double Upper, double PValue, bool Significant);
    public sealed record IndexDto(double? Estimate, double? Lower, double? Upper, int N, double NEff, bool Suppressed, ChangeDto? Change);
    public sealed record DistrictIndicesDto(Guid DistrictId, string DistrictCode, string District, string RegionCode, string Period,
        DateOnly PeriodStart, DateOnly PeriodEnd, double MinEffectiveN, IndexDto Safety, IndexDto Trust);
    public sealed record OpenDataRow(string Level, string Code, string? RegionCode, string Name, string Period, string Index,
        double Estimate, double Lower, double Upper, int N, double NEff);

    /// <summary>
    /// GET /api/v1/districts/{id}/indices?period=YYYY-MM|YYYY-Qn|rolling12 — anonymous: the published figures (a
    /// suppressed figure carries no estimate). GET /opendata/surveys/indices.csv and .json — anonymous open data of
    /// every published district, region and national figure. GET /s/{wave}/qr.svg|png?d={district} — the QR code of
    /// a district's survey link.
    /// </summary>
    public static IEndpointRouteBuilder MapSurveysApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/districts/{id:guid}/indices", DistrictIndices).WithTags("Surveys").AllowAnonymous();
        app.MapGet("/opendata/surveys/indices.json", OpenDataJson).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/opendata/surveys/indices.csv", OpenDataCsv).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/s/{wave}/qr.svg", QrSvg).AllowAnonymous().RequireRateLimiting(FeedbackRateLimits.Policy).ExcludeFromDescription();
        app.MapGet("/s/{wave}/qr.png", QrPng).AllowAnonymous().RequireRateLimiting(FeedbackRateLimits.Policy).ExcludeFromDescription();
        return app;
    }

    private static IndexDto Dto(IndexFigure f, IndexChange? change) => new(
        f.Suppressed ? null : Math.Round(f.Estimate, 2), f.Suppressed ? null : Math.Round(f.Lower, 2), f.Suppressed ? null : Math.Round(f.Upper, 2),
        f.N, Math.Round(f.NEff, 1), f.Suppressed,
        change is null ? null : new ChangeDto(change.From.Code, Math.Round(change.Test.Difference, 2), Math.Round(change.Test.Lower, 2),
            Math.Round(change.Test.Upper, 2), Math.Round(change.Test.PValue, 4), change.Test.IsSignificant));

    private static async Task<Results<Ok<DistrictIndicesDto>, ValidationProblem, ProblemHttpResult>> DistrictIndices(
        Guid id, string? period, SurveyIndices indices, DistrictDirectory directory, IText text, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        SurveyPeriod p;
        if (string.IsNullOrWhiteSpace(period)) p = await indices.LatestAsync(today, ct);
        else if (SurveyPeriod.Parse(period, today) is { } parsed) p = parsed;
        else return Problems.Validation(text, new() { ["period"] = [text.Format("Survey.PeriodInvalid", period)] });
        var district = await directory.FindAsync(id, ct);
        if (district is null) return TypedResults.Problem(Problems.NotFound(text, "Survey.DistrictUnknown"));
        var current = await indices.DistrictAsync(id, p, ct);
        var previous = await indices.DistrictAsync(id, p.Previous(), ct);
        return TypedResults.Ok(new DistrictIndicesDto(id, district.Code, district.Name, district.RegionCode, p.Code, p.Start, p.End, indices.Options.MinEffectiveN,
            Dto(current.Safety, SurveyIndices.Change(previous, current, SurveyIndexKind.Safety)),
            Dto(current.Trust, SurveyIndices.Change(previous, current, SurveyIndexKind.Trust))));
    }

    private static async Task<(SurveyPeriod?, List<OpenDataRow>)> OpenDataAsync(string? period, SurveyIndices indices, SurveyOverviewBuilder builder, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var p = string.IsNullOrWhiteSpace(period) ? await indices.LatestAsync(today, ct) : SurveyPeriod.Parse(period, today);
        if (p is null) return (null, []);
        var o = await builder.BuildAsync(p, ct);
        var rows = new List<OpenDataRow>();
        void Add(string level, AreaRow r, string name)
        {
            foreach (var kind in new[] { SurveyIndexKind.Safety, SurveyIndexKind.Trust })
            {
                var f = r.Current.Get(kind);
                if (f.Suppressed) continue;
                rows.Add(new OpenDataRow(level, r.Code, r.RegionCode, name, p.Code, kind.ToString().ToLowerInvariant(),
                    Math.Round(f.Estimate, 2), Math.Round(f.Lower, 2), Math.Round(f.Upper, 2), f.N, Math.Round(f.NEff, 1)));
            }
        }
        Add("national", o.National, "Kazakhstan");
        foreach (var r in o.Regions) Add("region", r, r.Code);
        foreach (var d in o.Districts) Add("district", d, d.Code);
        return (p, rows);
    }

    private static async Task<IResult> OpenDataJson(string? period, SurveyIndices indices, SurveyOverviewBuilder builder, IText text, TimeProvider clock, CancellationToken ct)
    {
        var (p, rows) = await OpenDataAsync(period, indices, builder, clock, ct);
        if (p is null) return Problems.Validation(text, new() { ["period"] = [text.Format("Survey.PeriodInvalid", period ?? "")] });
        return TypedResults.Ok(new { period = p.Code, periodStart = p.Start, periodEnd = p.End, minEffectiveN = indices.Options.MinEffectiveN, scale = "0-100", interval = "95%", rows });
    }

    private static async Task<IResult> OpenDataCsv(string? period, SurveyIndices indices, SurveyOverviewBuilder builder, IText text, TimeProvider clock, CancellationToken ct)
    {
        var (p, rows) = await OpenDataAsync(period, indices, builder, clock, ct);
        if (p is null) return Problems.Validation(text, new() { ["period"] = [text.Format("Survey.PeriodInvalid", period ?? "")] });
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var h in new[] { "level", "code", "region_code", "period", "index", "estimate", "lower95", "upper95", "n", "n_eff" }) csv.WriteField(h);
            csv.NextRecord();
            foreach (var r in rows)
            {
                csv.WriteField(r.Level); csv.WriteField(r.Code); csv.WriteField(r.RegionCode ?? ""); csv.WriteField(r.Period); csv.WriteField(r.Index);
                csv.WriteField(r.Estimate.ToString("0.##", CultureInfo.InvariantCulture)); csv.WriteField(r.Lower.ToString("0.##", CultureInfo.InvariantCulture));
                csv.WriteField(r.Upper.ToString("0.##", CultureInfo.InvariantCulture)); csv.WriteField(r.N); csv.WriteField(r.NEff.ToString("0.#", CultureInfo.InvariantCulture));
                csv.NextRecord();
            }
        }
        return TypedResults.File(Encoding.UTF8.GetBytes(writer.ToString()), "text/csv; charset=utf-8", $"senim-survey-indices-{p.Code}.csv");
    }

    private static async Task<IResult> QrSvg(string wave, string? d, HttpContext http, SurveyService service, PublicLinks links, CancellationToken ct)
    {
        var view = await service.FindWaveAsync(wave, ct);
        if (view is null) return TypedResults.NotFound();
        var district = d is null ? null : view.Districts.FirstOrDefault(x => string.Equals(x.Code, d, StringComparison.OrdinalIgnoreCase));
        return TypedResults.Content(InvitationArtefacts.QrSvg(links.Survey(http.Request, view.Wave.Code, district?.Code)), "image/svg+xml");
    }

    private static async Task<IResult> QrPng(string wave, string? d, HttpContext http, SurveyService service, PublicLinks links, CancellationToken ct)
    {
        var view = await service.FindWaveAsync(wave, ct);
        if (view is null) return TypedResults.NotFound();
        var district = d is null ? null : view.Districts.FirstOrDefault(x => string.Equals(x.Code, d, StringComparison.OrdinalIgnoreCase));
        return TypedResults.File(InvitationArtefacts.QrPng(links.Survey(http.Request, view.Wave.Code, district?.Code)), "image/png");
    }
}
