using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

// Open-loop load at a fixed rate (what wrk cannot do): one request every 1/rate seconds whether or not earlier ones
// have answered, latency measured from the moment each request was due (so a stalled server is not hidden by the
// generator waiting for it — "coordinated omission", G. Tene, "How NOT to measure latency", 2015).
//
// Usage: Senim.LoadGen --url http://host:port --codes codes.txt --rate 2000 --seconds 15 [--skip N] [--warmup 5]
//   POSTs a rating to {url}/api/v1/feedback/{code} for successive codes (starting after the first N), then prints
//   sent, answered by status, achieved rate, and latency p50/p90/p99/max in milliseconds. Each request carries its own
//   resident address in X-Forwarded-For (Senim started with Network:TrustedProxies naming the loopback).
//   --warmup S: first S seconds at the same rate (codes of their own) that are sent and checked but not measured: the
//   generator itself starts cold (its JIT, its connections), and that is not the server's latency.
// Usage: Senim.LoadGen attestation --url ... --users users.txt --minutes 3 --every 5 — testing day (AttestationLoad.cs).
if (args.Length > 0 && args[0] == "attestation") return await AttestationLoad.RunAsync(args[1..]);
var args_ = Args.Parse(args);
var codes = File.ReadAllLines(args_["codes"]).Skip(int.Parse(args_.GetValueOrDefault("skip", "0"), CultureInfo.InvariantCulture)).ToArray();
var rate = double.Parse(args_["rate"], CultureInfo.InvariantCulture);
var seconds = double.Parse(args_.GetValueOrDefault("seconds", "15"), CultureInfo.InvariantCulture);
var baseUrl = args_["url"].TrimEnd('/');
var warmup = (int)(rate * double.Parse(args_.GetValueOrDefault("warmup", "0"), CultureInfo.InvariantCulture));
var total = (int)Math.Min(codes.Length, rate * seconds + warmup);
var measured = total - warmup;
if (measured < 1) { Console.Error.WriteLine("no codes"); return 2; }

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{ Timeout = TimeSpan.FromSeconds(30) };
var body = "{\"courtesy\":4,\"competence\":5,\"timeliness\":4,\"resolved\":5,\"trust\":8}"u8.ToArray();
var latencies = new double[total];
var statuses = new int[total];
var tasks = new Task[total];
var clock = Stopwatch.StartNew();
var tick = 1000.0 / rate;
for (var i = 0; i < total; i++)
{
    var due = i * tick;
    var wait = due - clock.Elapsed.TotalMilliseconds;
    if (wait > 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
    var n = i;
    tasks[i] = Task.Run(async () =>
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/api/v1/feedback/{codes[n]}") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            // Each rating from its own resident address, as a reverse proxy Senim trusts reports it (bench/ingest).
            var a = unchecked((uint)n * 2654435761u);
            request.Headers.Add("X-Forwarded-For", $"{1 + ((a >> 24) % 223)}.{(a >> 16) & 255}.{(a >> 8) & 255}.{1 + (a & 255) % 254}");
            using var response = await http.SendAsync(request);
            statuses[n] = (int)response.StatusCode;
        }
        catch (Exception)
        {
            statuses[n] = -1;
        }
        latencies[n] = clock.Elapsed.TotalMilliseconds - due;
    });
}
await Task.WhenAll(tasks);
var elapsed = clock.Elapsed.TotalSeconds - warmup / rate;
var sorted = latencies[warmup..];
Array.Sort(sorted);
double P(double q) => sorted[Math.Min(measured - 1, (int)Math.Ceiling(q * measured) - 1)];
var byStatus = statuses[warmup..].GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{(g.Key < 0 ? "error" : g.Key.ToString(CultureInfo.InvariantCulture))}:{g.Count()}");
var sb = new StringBuilder();
sb.Append(CultureInfo.InvariantCulture, $"target_rate={rate:F0} warmup_sent={warmup} sent={measured} achieved_rate={measured / seconds:F0} statuses={string.Join(',', byStatus)} ");
sb.Append(CultureInfo.InvariantCulture, $"p50_ms={P(0.50):F1} p90_ms={P(0.90):F1} p99_ms={P(0.99):F1} max_ms={sorted[^1]:F1} wall_s={elapsed:F1}");
Console.WriteLine(sb.ToString());
return statuses.All(s => s is 201 or 409) ? 0 : 1;

internal static class Args
{
    public static Dictionary<string, string> Parse(string[] args)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2) d[args[i].TrimStart('-')] = args[i + 1];
        foreach (var required in new[] { "url", "codes", "rate" })
            if (!d.ContainsKey(required)) throw new ArgumentException($"--{required} is required");
        return d;
    }
}
