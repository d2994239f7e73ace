using Microsoft.AspNetCore.Http.HttpResults;

namespace Senim.Web.Common;

public static class Problems
{
    public static ProblemDetails NotFound(IText text, string key) =>
        new() { Status = StatusCodes.Status404NotFound, Title = text["Problem.404"], Detail = text[key] };

    public static ValidationProblem Validation(IText text, Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: text["Problem.400"]);
}

public static class Paging
{
    /// <summary>The largest page any list answers.</summary>
    public const int MaxPageSize = 200;

    public static ValidationProblem? Validate(IText text, int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1) errors["page"] = [text["Validation.PageNumber"]];
        if (pageSize is < 1 or > MaxPageSize)
            errors["pageSize"] = [text.Format("Validation.PageSize", MaxPageSize.ToString(CultureInfo.CurrentCulture))];
        return errors.Count == 0 ? null : Problems.Validation(text, errors);
    }
}
