using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Senim.Web.Features.Organisation;
using Senim.Web.Features.Feedback.Invitations;
using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Feedback;

public static class FeedbackApi
{
    public sealed record RatingStatusDto(bool Submitted, string? RatingStatus, string? CommentStatus, DateTime ExpiresAt);
    public sealed record SubmittedDto(Guid Id, string Status, string CommentStatus);
    public sealed record BulkResult(int Count, IReadOnlyList<RegisteredInteraction> Items);

    /// <summary>
    /// POST /api/v1/interactions, /api/v1/interactions/bulk — policy <see cref="Policies.RegisterInteractions"/> (API key or
    /// administrator / unit head; a unit head only within the subtree).
    /// POST /api/v1/feedback/{code}, GET /api/v1/feedback/{code} — anonymous (residents), rate-limited per network and per code.
    /// GET /f/{code}/qr.svg, /f/{code}/qr.png — anonymous; GET /api/v1/interactions/{id}/card.pdf — RegisterInteractions.
    /// </summary>
    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/v1/interactions").WithTags("Interactions").RequireAuthorization(Policies.RegisterInteractions);
        staff.MapPost("/", RegisterOne).WithMetadata(new RequestSizeLimitAttribute(64 * 1024));
        staff.MapPost("/bulk", RegisterBulk).WithMetadata(new RequestSizeLimitAttribute(20 * 1024 * 1024));

        var residents = app.MapGroup("/api/v1/feedback").WithTags("Feedback").AllowAnonymous().RequireRateLimiting(FeedbackRateLimits.Policy);
        residents.MapPost("/{code}", Submit).WithMetadata(new RequestSizeLimitAttribute(16 * 1024)).DisableAntiforgery();
        residents.MapGet("/{code}", Status);

        app.MapGet("/feedback/cards/{id:guid}/{format:regex(^(card|poster)$)}.pdf", CardPdf).RequireAuthorization(Policies.RegisterInteractions).ExcludeFromDescription();
        app.MapGet("/f/{code}/qr.svg", QrSvg).AllowAnonymous().RequireRateLimiting(FeedbackRateLimits.Policy).ExcludeFromDescription();
        app.MapGet("/f/{code}/qr.png", QrPng).AllowAnonymous().RequireRateLimiting(FeedbackRateLimits.Policy).ExcludeFromDescription();
        return app;
    }

    private static (string RegisteredBy, InteractionSource Source, OrganisationScope? Scope) Caller(ClaimsPrincipal user)
    {
        var isSystem = user.IsInRole(Roles.System);
        return (user.Identity?.Name ?? "unknown", isSystem ? InteractionSource.Api : InteractionSource.Staff, isSystem ? null : OrganisationScope.For(user));
    }

    private static ValidationProblem Problem(IText text, IReadOnlyList<ItemErrors> errors, bool bulk)
    {
        var dict = new Dictionary<string, string[]>();
        foreach (var item in errors)
        {
            foreach (var (field, messages) in item.Fields)
            {
                var key = bulk ? $"[{item.Index}].{field}" : field;
                dict[key] = [.. messages.Select(m => text.Format(m.Key, m.Args))];
            }
        }
        return Problems.Validation(text, dict);
    }

    private static async Task<Results<Created<RegisteredInteraction>, Ok<RegisteredInteraction>, ValidationProblem>> RegisterOne(
        RegisterInteraction body, HttpContext http, InteractionRegistry registry, PublicLinks links, IText text, CancellationToken ct)
    {
        var (by, source, scope) = Caller(http.User);
        var (created, errors) = await registry.RegisterAsync([body], by, source, scope, c => (links.Rating(http.Request, c), links.RatingQr(http.Request, c)), ct);
        if (errors.Count > 0) return Problem(text, errors, bulk: false);
        var r = created[0];
        return TypedResults.Created($"/api/v1/interactions/{r.Id}", r);
    }

    /// <summary>Up to 10,000 interactions as a JSON array or CSV (header: kind,unitCode,personnelNumbers,occurredAt,channel,phone,externalRef;
    /// several personnel numbers separated by ';'). All or nothing: any invalid item refuses the whole request.</summary>
    private static async Task<Results<Ok<BulkResult>, ValidationProblem, ProblemHttpResult>> RegisterBulk(
        HttpContext http, InteractionRegistry registry, PublicLinks links, IOptions<FeedbackOptions> options, IText text, CancellationToken ct)
    {
        var max = options.Value.MaxBulk;
        List<RegisterInteraction>? items;
        var contentType = http.Request.ContentType ?? "";
        if (contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            var (parsed, csvErrors) = await ReadCsvAsync(http.Request.Body, text, max);
            if (csvErrors.Count > 0) return Problems.Validation(text, csvErrors);
            items = parsed;
        }
        else if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                items = await http.Request.ReadFromJsonAsync<List<RegisterInteraction>>(ct);
            }
            catch (System.Text.Json.JsonException)
            {
                return Problems.Validation(text, new() { ["body"] = [text["Interaction.BulkUnreadable"]] });
            }
        }
        else
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: text["Problem.415"], detail: text["Interaction.BulkMediaType"]);
        }
        if (items is null || items.Count == 0) return Problems.Validation(text, new() { ["body"] = [text["Interaction.BulkEmpty"]] });
        if (items.Count > max)
            return Problems.Validation(text, new() { ["body"] = [text.Format("Interaction.BulkTooMany", max)] });
        if (items.Any(i => i is null)) return Problems.Validation(text, new() { ["body"] = [text["Interaction.BulkUnreadable"]] });
        var (by, source, scope) = Caller(http.User);
        var (created, errors) = await registry.RegisterAsync(items, by, source, scope, c => (links.Rating(http.Request, c), links.RatingQr(http.Request, c)), ct);
        if (errors.Count > 0) return Problem(text, errors, bulk: true);
        return TypedResults.Ok(new BulkResult(created.Count, created));
    }

    private static async Task<(List<RegisterInteraction>, Dictionary<string, string[]>)> ReadCsvAsync(Stream body, IText text, int max)
    {
        var items = new List<RegisterInteraction>();
        var errors = new Dictionary<string, string[]>();
        var lineErrors = new List<LineError>();
        // No delimiter detection: personnelNumbers holds a ';'-separated list.
        using var csv = await CsvTable.OpenAsync(body, lineErrors);
        if (csv is null) return (items, new() { ["body"] = [text["Interaction.BulkEmpty"]] });
        if (csv.Missing("kind", "unitCode", "occurredAt").Count > 0)
            return (items, new() { ["line 1"] = [text.Format("Import.MissingColumns", "kind, unitCode, occurredAt")] });
        await foreach (var r in csv.RowsAsync(lineErrors))
        {
            if (items.Count >= max) { errors["body"] = [text.Format("Interaction.BulkTooMany", max)]; break; }
            DateTime? when = null;
            if (r.Value("occurredAt") is { } o)
            {
                if (DateTime.TryParse(o, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)) when = d;
                else { lineErrors.Add(new(r.Line, "Interaction.DateInvalid", o)); continue; }
            }
            InteractionChannel? ch = null;
            if (r.Value("channel") is { } c)
            {
                if (Enum.TryParse<InteractionChannel>(c, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) ch = parsed;
                else { lineErrors.Add(new(r.Line, "Interaction.ChannelUnknown")); continue; }
            }
            items.Add(new RegisterInteraction(r.Value("kind"), null, r.Value("unitCode"), null,
                r.Value("personnelNumbers")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), when, ch, r.Value("phone"), r.Value("externalRef")));
        }
        // The API's contract: one entry per line, "line N", as in the bulk JSON's "[i].field".
        foreach (var e in lineErrors) errors[$"line {e.Line}"] = [text.Format(e.MessageKey, e.Args)];
        return (items, errors);
    }

    private static async Task<Results<Created<SubmittedDto>, ValidationProblem, ProblemHttpResult>> Submit(
        string code, RatingInput body, HttpContext http, RatingIntake intake, IText text, CancellationToken ct)
    {
        var staffEmployee = http.User.EmployeeId();
        var outcome = await intake.SubmitAsync(code, body, http.Connection.RemoteIpAddress, SenimCultures.Of(CultureInfo.CurrentUICulture), staffEmployee, ct);
        return outcome.Result switch
        {
            SubmitResult.Created => TypedResults.Created($"/api/v1/feedback/{code}", new SubmittedDto(outcome.RatingId!.Value, outcome.Status!.Value.ToString(), outcome.CommentStatus!.Value.ToString())),
            SubmitResult.Invalid => Problems.Validation(text, outcome.Errors!.ToDictionary(kv => kv.Key, kv => kv.Value.Select(m => text.Format(m.Key, m.Args)).ToArray())),
            SubmitResult.AlreadyUsed => TypedResults.Problem(statusCode: 409, title: text["Problem.409"], detail: text["Feedback.CodeUsed"]),
            SubmitResult.Expired => TypedResults.Problem(statusCode: 410, title: text["Problem.410"], detail: text["Feedback.CodeExpired"]),
            SubmitResult.OwnInteraction => TypedResults.Problem(statusCode: 403, title: text["Problem.403"], detail: text["Feedback.OwnInteraction"]),
            _ => TypedResults.Problem(statusCode: 404, title: text["Problem.404"], detail: text["Feedback.CodeUnknown"]),
        };
    }

    private static async Task<Results<Ok<RatingStatusDto>, ProblemHttpResult>> Status(string code, InvitationQueries invitations, IText text, CancellationToken ct)
    {
        var normal = InvitationCode.Normalise(code);
        var view = normal is null ? null : await invitations.FindAsync(normal, ct);
        if (view is null) return TypedResults.Problem(statusCode: 404, title: text["Problem.404"], detail: text["Feedback.CodeUnknown"]);
        return TypedResults.Ok(new RatingStatusDto(view.Rating is not null, view.Rating?.Status.ToString(), view.Rating?.CommentStatus.ToString(), view.Interaction.ExpiresAt));
    }

    /// <summary>The printable A6 card or A4 front-office poster, in Kazakh, Russian and English.</summary>
    private static async Task<IResult> CardPdf(Guid id, string format, HttpContext http, PublicLinks links, SenimDb db,
        IAuthorizationService auth, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var interaction = await db.Interactions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (interaction is null) return TypedResults.NotFound();
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == interaction.UnitId, ct);
        if (!(await auth.AuthorizeAsync(http.User, unit, OrganisationAccess.Read)).Succeeded && !http.User.IsInRole(Roles.System)) return TypedResults.Forbid();
        var kind = await db.InteractionKinds.AsNoTracking().FirstAsync(k => k.Id == interaction.KindId, ct);
        var languages = new List<(string Culture, CardText Text)>();
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var c in SenimCultures.All)
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(c);
                languages.Add((c, new CardText(l["Card.Heading"], l["Card.Instruction"], l["Card.CodeLabel"], l["Card.ExpiresLabel"], l["Rating.Anonymous"])));
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
        var card = new InvitationCard(interaction.Code, links.Rating(http.Request, interaction.Code), interaction.ExpiresAt,
            OrganisationQueries.Name(unit), SenimCultures.Pick(kind.NameKk, kind.NameRu, kind.NameEn), languages);
        var bytes = format == "poster" ? InvitationArtefacts.PosterPdf(card) : InvitationArtefacts.CardPdf(card);
        return TypedResults.File(bytes, "application/pdf", $"senim-{format}-{interaction.Code}.pdf");
    }

    private static async Task<IResult> QrSvg(string code, HttpContext http, InvitationQueries invitations, PublicLinks links, CancellationToken ct)
    {
        var normal = InvitationCode.Normalise(code);
        if (normal is null || await invitations.FindAsync(normal, ct) is null) return TypedResults.NotFound();
        return TypedResults.Content(InvitationArtefacts.QrSvg(links.Rating(http.Request, normal)), "image/svg+xml");
    }

    private static async Task<IResult> QrPng(string code, HttpContext http, InvitationQueries invitations, PublicLinks links, CancellationToken ct)
    {
        var normal = InvitationCode.Normalise(code);
        if (normal is null || await invitations.FindAsync(normal, ct) is null) return TypedResults.NotFound();
        return TypedResults.File(InvitationArtefacts.QrPng(links.Rating(http.Request, normal)), "image/png");
    }
}
