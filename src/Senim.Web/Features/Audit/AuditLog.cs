using System.Security.Claims;
using System.Text.Json;

namespace Senim.Web.Features.Audit;

/// <summary>Adds audit entries to the current unit of work; they are saved with the change they describe.</summary>
public sealed class AuditLog(SenimDb db, IHttpContextAccessor http, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public void Record(string action, string entityType, object? entityId, object? before, object? after)
    {
        var user = http.HttpContext?.User;
        var userId = user.UserId();
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = userId,
            Actor = user?.Identity?.Name ?? "system",
            Action = action,
            EntityType = entityType,
            EntityId = Convert.ToString(entityId, CultureInfo.InvariantCulture),
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        });
    }
}
