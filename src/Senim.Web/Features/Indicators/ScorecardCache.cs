using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace Senim.Web.Features.Indicators;

/// <summary>
/// Stored scorecards change only when a recompute (or an activation, which recomputes) commits, so pages read them
/// through this per-node cache. Every entry belongs to a generation: the time of the newest stored result
/// (<c>MAX("ComputedAt")</c>, one probe of its index, re-read at most every two seconds) together with a counter this
/// node bumps after its own recomputes. A recompute on another node or from the command line therefore shows
/// everywhere within two seconds; on the node that ran it, at once. Bounded in size; entries also expire.
/// </summary>
public sealed class ScorecardCache(TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(2);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 50_000 });
    private readonly Lock _lock = new();
    private long _counter;
    private DateTime? _newest;
    private DateTime _checkedAt = DateTime.MinValue;

    /// <summary>Called after a recompute or an activation has committed on this node.</summary>
    public void Invalidate()
    {
        lock (_lock)
        {
            _counter++;
            _checkedAt = DateTime.MinValue;
        }
    }

    /// <summary>The current generation, re-reading the newest stored result when the last check is older than two seconds.</summary>
    public async Task<string> GenerationAsync(SenimDb db, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        bool stale;
        lock (_lock) stale = now - _checkedAt > RecheckEvery;
        if (stale)
        {
            var newest = await db.ScorecardResults.AsNoTracking().MaxAsync(r => (DateTime?)r.ComputedAt, ct);
            lock (_lock)
            {
                _newest = newest;
                _checkedAt = now;
            }
        }
        lock (_lock) return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_counter}:{_newest?.Ticks}");
    }

    public async Task<T> GetAsync<T>(string generation, string key, Func<Task<T>> load, TimeSpan? lifetime = null)
    {
        var full = generation + "|" + key;
        if (_cache.TryGetValue(full, out T? hit)) return hit!;
        var value = await load();
        _cache.Set(full, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime ?? TimeSpan.FromMinutes(10) });
        return value;
    }

    /// <summary>A short, collision-safe key for a list of subjects.</summary>
    public static string KeyOf(IEnumerable<string> keys) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", keys))));

    public void Dispose() => _cache.Dispose();
}
