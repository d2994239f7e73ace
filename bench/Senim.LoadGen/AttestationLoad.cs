using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

/// <summary>
/// Testing day: many candidates answering their computer test at once (issue #7).
///
/// Usage: Senim.LoadGen attestation --url http://host:port --users users.txt [--password P] [--minutes 3] [--every 5]
///        [--signin-concurrency 8] [--start-concurrency 32] [--language kk] [--revisit 0.25] [--seed 1]
///   users.txt: "userName candidateId" per line (written by `Senim.Bench seed-attestation N --out users.txt`, bench/Senim.Bench).
///
/// 1. Sign-in (not measured as save latency, timed on its own): every candidate signs in through the login form
///    (antiforgery token, then the form POST), with its own cookie container, at bounded concurrency (PBKDF2 costs).
/// 2. Start: each candidate starts (or resumes) its attempt and fetches its questions, at bounded concurrency.
/// 3. Saves, open loop: candidate k saves an answer at offset k·every/N + j·every (j = 0, 1, …) for the whole run,
///    so N candidates make N/every saves per second, smoothly. Each save is sent when it is due, whether or not
///    earlier ones have answered, and its latency is measured from when it was due (no coordinated omission). A save
///    answers the candidate's next unanswered question, or (with probability --revisit, and always once all are
///    answered) changes an answered one with the revision last acknowledged for it.
/// 4. Verify: every attempt is read back (GET) and every acknowledged save (2xx) must be there with its latest
///    acknowledged revision and value; lost = the number that are not (must be 0).
/// Prints one "key=value" line per phase; exit code 0 when nothing was lost and every save got an answer.
/// </summary>
internal static partial class AttestationLoad
{
    private sealed record Question(Guid Id, string Kind, int Options);

    /// <summary>One answer as sent: exactly one of Choices / Truth / Value.</summary>
    private sealed record Sent(int[]? Choices, bool? Truth, double? Value)
    {
        public bool SameAs(JsonElement q)
        {
            if (Choices is not null)
            {
                if (q.GetProperty("choices").ValueKind != JsonValueKind.Array) return false;
                var got = q.GetProperty("choices").EnumerateArray().Select(e => e.GetInt32()).Order().ToArray();
                return got.SequenceEqual(Choices.Order());
            }
            if (Truth is { } t) return q.GetProperty("truth").ValueKind is JsonValueKind.True or JsonValueKind.False && q.GetProperty("truth").GetBoolean() == t;
            return q.GetProperty("value").ValueKind == JsonValueKind.Number && q.GetProperty("value").GetDouble() == Value;
        }
    }

    private sealed class Candidate(string userName, Guid candidateId)
    {
        public string UserName { get; } = userName;
        public Guid CandidateId { get; } = candidateId;
        public CookieContainer Cookies { get; } = new();
        public Guid AttemptId { get; set; }
        public Question[] Questions { get; set; } = [];
        public Random Rng { get; set; } = new(0);
        public int Next { get; set; }
        /// <summary>Per question: the latest acknowledged revision and what it saved.</summary>
        public Dictionary<Guid, (int Revision, Sent Answer)> Acked { get; } = [];
        public HashSet<Guid> InFlight { get; } = [];
    }

    public static async Task<int> RunAsync(string[] argv)
    {
        var a = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < argv.Length; i += 2) a[argv[i].TrimStart('-')] = argv[i + 1];
        var baseUri = new Uri(a["url"].TrimEnd('/') + "/");
        var password = a.GetValueOrDefault("password", "Senim-demo-2026");
        var minutes = double.Parse(a.GetValueOrDefault("minutes", "3"), CultureInfo.InvariantCulture);
        var every = double.Parse(a.GetValueOrDefault("every", "5"), CultureInfo.InvariantCulture);
        var signInConcurrency = int.Parse(a.GetValueOrDefault("signin-concurrency", "8"), CultureInfo.InvariantCulture);
        var startConcurrency = int.Parse(a.GetValueOrDefault("start-concurrency", "32"), CultureInfo.InvariantCulture);
        var language = a.GetValueOrDefault("language", "kk");
        var revisit = double.Parse(a.GetValueOrDefault("revisit", "0.25"), CultureInfo.InvariantCulture);
        var seed = int.Parse(a.GetValueOrDefault("seed", "1"), CultureInfo.InvariantCulture);
        // Optional: the server's and the database's process ids, to report CPU seconds per phase (Linux /proc).
        var serverPid = a.TryGetValue("server-pid", out var sp) ? int.Parse(sp, CultureInfo.InvariantCulture) : 0;
        var dbPid = a.TryGetValue("db-pid", out var dp) ? int.Parse(dp, CultureInfo.InvariantCulture) : 0;
        var candidates = File.ReadAllLines(a["users"]).Where(l => l.Length > 0).Select((l, i) =>
        {
            var parts = l.Split(' ');
            return new Candidate(parts[0], Guid.Parse(parts[1], CultureInfo.InvariantCulture)) { Rng = new Random(seed * 100_003 + i) };
        }).ToArray();
        var n = candidates.Length;

        // One connection pool for everyone; cookies are kept per candidate (UseCookies = false: we set the header).
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false, AllowAutoRedirect = false,
        }) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };

        async Task<HttpResponseMessage> SendAsync(Candidate c, HttpMethod method, string path, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            var cookie = c.Cookies.GetCookieHeader(baseUri);
            if (cookie.Length > 0) request.Headers.Add("Cookie", cookie);
            var response = await http.SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var s in set) c.Cookies.SetCookies(baseUri, s);
            return response;
        }

        // ---- 1. sign in ----
        var signInFailed = 0;
        var signInMs = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(candidates, new ParallelOptions { MaxDegreeOfParallelism = signInConcurrency }, async (c, ct) =>
        {
            var t0 = Stopwatch.GetTimestamp();
            try
            {
                using var page = await SendAsync(c, HttpMethod.Get, "Account/Login");
                var html = await page.Content.ReadAsStringAsync(CancellationToken.None);
                var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(html).Groups[1].Value);
                using var form = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Input.UserName"] = c.UserName, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
                });
                using var posted = await SendAsync(c, HttpMethod.Post, "Account/Login", form);
                if (posted.StatusCode != HttpStatusCode.Redirect || c.Cookies.GetCookies(baseUri)["senim.auth"] is null) Interlocked.Increment(ref signInFailed);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref signInFailed);
            }
            signInMs.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        });
        var signInSeconds = clock.Elapsed.TotalSeconds;
        var si = signInMs.Order().ToArray();
        Console.WriteLine(Line($"phase=signin candidates={n} failed={signInFailed} concurrency={signInConcurrency} wall_s={signInSeconds:F1} per_s={n / signInSeconds:F1} p50_ms={Pct(si, 0.5):F0} p95_ms={Pct(si, 0.95):F0} max_ms={si[^1]:F0}"));
        if (signInFailed > 0) return 1;

        // ---- 2. start attempts, fetch questions ----
        var startFailed = 0;
        var startMs = new ConcurrentBag<double>();
        clock.Restart();
        await Parallel.ForEachAsync(candidates, new ParallelOptions { MaxDegreeOfParallelism = startConcurrency }, async (c, ct) =>
        {
            var t0 = Stopwatch.GetTimestamp();
            try
            {
                using var body = new StringContent(JsonSerializer.Serialize(new { language }), Encoding.UTF8, "application/json");
                using var started = await SendAsync(c, HttpMethod.Post, $"api/v1/attestation/candidates/{c.CandidateId}/attempts", body);
                if (!started.IsSuccessStatusCode) { Interlocked.Increment(ref startFailed); Console.Error.WriteLine($"start {c.UserName}: {(int)started.StatusCode} {await started.Content.ReadAsStringAsync(CancellationToken.None)}"); return; }
                using (var doc = JsonDocument.Parse(await started.Content.ReadAsStringAsync(CancellationToken.None)))
                    c.AttemptId = doc.RootElement.GetProperty("attemptId").GetGuid();
                using var got = await SendAsync(c, HttpMethod.Get, $"api/v1/attestation/attempts/{c.AttemptId}");
                if (!got.IsSuccessStatusCode) { Interlocked.Increment(ref startFailed); return; }
                using var view = JsonDocument.Parse(await got.Content.ReadAsStringAsync(CancellationToken.None));
                var questions = view.RootElement.GetProperty("questions").EnumerateArray()
                    .Select(q => new Question(q.GetProperty("questionId").GetGuid(), q.GetProperty("kind").GetString()!, q.GetProperty("options").GetArrayLength())).ToArray();
                c.Rng.Shuffle(questions);
                c.Questions = questions;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
            {
                Interlocked.Increment(ref startFailed);
            }
            startMs.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        });
        var startSeconds = clock.Elapsed.TotalSeconds;
        var st = startMs.Order().ToArray();
        Console.WriteLine(Line($"phase=start candidates={n} failed={startFailed} concurrency={startConcurrency} wall_s={startSeconds:F1} p50_ms={Pct(st, 0.5):F0} p95_ms={Pct(st, 0.95):F0} max_ms={st[^1]:F0} questions_per_attempt={candidates.Max(c => c.Questions.Length)}"));
        if (startFailed > 0) return 1;

        // ---- 3. saves, open loop ----
        var seconds = minutes * 60;
        var perCandidate = (int)Math.Ceiling(seconds / every);
        var schedule = new List<(double Due, int Candidate)>(n * perCandidate);
        for (var j = 0; j < perCandidate; j++)
            for (var k = 0; k < n; k++)
            {
                var due = (k * every / n + j * every) * 1000;
                if (due < seconds * 1000) schedule.Add((due, k));
            }
        var total = schedule.Count;
        var latencies = new double[total];
        var statuses = new int[total];
        var kinds = new byte[total]; // 1: first answer of a question, 2: a change
        var tasks = new Task[total];
        double maxLag = 0;
        var cpuBefore = Cpu(serverPid, dbPid);
        clock.Restart();
        for (var i = 0; i < total; i++)
        {
            var (due, k) = schedule[i];
            var wait = due - clock.Elapsed.TotalMilliseconds;
            if (wait > 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
            maxLag = Math.Max(maxLag, clock.Elapsed.TotalMilliseconds - due);
            var slot = i;
            var c = candidates[k];
            tasks[i] = Task.Run(async () =>
            {
                Question q; Sent answer; int revision;
                lock (c)
                {
                    var answered = c.Acked.Keys.Where(id => !c.InFlight.Contains(id)).ToList();
                    var pending = c.Questions.Skip(c.Next).FirstOrDefault(x => !c.InFlight.Contains(x.Id) && !c.Acked.ContainsKey(x.Id));
                    if (answered.Count > 0 && (pending is null || c.Rng.NextDouble() < revisit))
                    {
                        var id = answered[c.Rng.Next(answered.Count)];
                        q = c.Questions.First(x => x.Id == id);
                        revision = c.Acked[id].Revision;
                    }
                    else if (pending is not null)
                    {
                        q = pending;
                        c.Next = Array.IndexOf(c.Questions, pending) + 1;
                        revision = 0;
                    }
                    else { statuses[slot] = -2; latencies[slot] = clock.Elapsed.TotalMilliseconds - due; return; } // nothing to send
                    answer = Make(q, c.Rng);
                    c.InFlight.Add(q.Id);
                }
                kinds[slot] = revision == 0 ? (byte)1 : (byte)2;
                try
                {
                    var json = JsonSerializer.Serialize(new { questionId = q.Id, choices = answer.Choices, truth = answer.Truth, value = answer.Value, revision });
                    using var content = new StringContent(json, Encoding.UTF8, "application/json");
                    using var response = await SendAsync(c, HttpMethod.Post, $"api/v1/attestation/attempts/{c.AttemptId}/answers", content);
                    statuses[slot] = (int)response.StatusCode;
                    latencies[slot] = clock.Elapsed.TotalMilliseconds - due;
                    if (response.IsSuccessStatusCode)
                    {
                        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None));
                        var saved = doc.RootElement.GetProperty("revision").GetInt32();
                        lock (c)
                        {
                            if (!c.Acked.TryGetValue(q.Id, out var prev) || prev.Revision < saved) c.Acked[q.Id] = (saved, answer);
                        }
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
                {
                    statuses[slot] = -1;
                    latencies[slot] = clock.Elapsed.TotalMilliseconds - due;
                }
                finally
                {
                    lock (c) c.InFlight.Remove(q.Id);
                }
            });
        }
        await Task.WhenAll(tasks);
        var wall = clock.Elapsed.TotalSeconds;
        var cpuAfter = Cpu(serverPid, dbPid);
        var sent = Enumerable.Range(0, total).Where(i => statuses[i] != -2).ToArray();
        var lat = sent.Select(i => latencies[i]).Order().ToArray();
        var byStatus = sent.GroupBy(i => statuses[i]).OrderBy(g => g.Key)
            .Select(g => $"{(g.Key < 0 ? "error" : g.Key.ToString(CultureInfo.InvariantCulture))}:{g.Count()}");
        var firsts = sent.Where(i => kinds[i] == 1).Select(i => latencies[i]).Order().ToArray();
        var changes = sent.Where(i => kinds[i] == 2).Select(i => latencies[i]).Order().ToArray();
        Console.WriteLine(Line($"phase=saves candidates={n} every_s={every} seconds={seconds:F0} target_rate={n / every:F0} sent={sent.Length} achieved_rate={sent.Length / seconds:F1} statuses={string.Join(',', byStatus)} p50_ms={Pct(lat, 0.5):F1} p95_ms={Pct(lat, 0.95):F1} p99_ms={Pct(lat, 0.99):F1} max_ms={lat[^1]:F1} first_answers={firsts.Length} first_p95_ms={Pct(firsts, 0.95):F1} changes={changes.Length} change_p95_ms={Pct(changes, 0.95):F1} max_send_lag_ms={maxLag:F1} wall_s={wall:F1}"));
        if (serverPid > 0)
        {
            var (server, database, self) = (cpuAfter.Server - cpuBefore.Server, cpuAfter.Database - cpuBefore.Database, cpuAfter.Self - cpuBefore.Self);
            Console.WriteLine(Line($"phase=saves-cpu server_cpu_s={server:F1} database_cpu_s={database:F1} loadgen_cpu_s={self:F1} server_ms_per_save={server * 1000 / Math.Max(1, sent.Length):F2} database_ms_per_save={database * 1000 / Math.Max(1, sent.Length):F2} loadgen_ms_per_save={self * 1000 / Math.Max(1, sent.Length):F2}"));
        }

        // ---- 4. verify: no lost answer ----
        long acked = 0, lost = 0, aheadOfAck = 0, unreadable = 0, unverified = 0;
        await Parallel.ForEachAsync(candidates, new ParallelOptions { MaxDegreeOfParallelism = startConcurrency }, async (c, ct) =>
        {
            try
            {
                using var got = await SendAsync(c, HttpMethod.Get, $"api/v1/attestation/attempts/{c.AttemptId}");
                using var view = JsonDocument.Parse(await got.Content.ReadAsStringAsync(CancellationToken.None));
                var stored = view.RootElement.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("questionId").GetGuid(), q => q.Clone());
                foreach (var (id, (revision, answer)) in c.Acked)
                {
                    Interlocked.Increment(ref acked);
                    var q = stored[id];
                    var have = q.GetProperty("revision").GetInt32();
                    if (have > revision) Interlocked.Increment(ref aheadOfAck); // a save the server made whose answer we never got (timeout)
                    else if (have < revision || !answer.SameAs(q))
                    {
                        Interlocked.Increment(ref lost);
                        Console.Error.WriteLine($"LOST {c.UserName} attempt {c.AttemptId} question {id}: acknowledged revision {revision}, stored {have}");
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
            {
                Interlocked.Increment(ref unreadable);
                Interlocked.Add(ref unverified, c.Acked.Count);
                Console.Error.WriteLine($"UNREADABLE {c.UserName}: {ex.Message}");
            }
        });
        Console.WriteLine(Line($"phase=verify attempts={n} acknowledged_answers={acked} lost={lost} stored_newer_than_acknowledged={aheadOfAck} unreadable_attempts={unreadable} unverified_answers={unverified}"));
        return lost == 0 && unreadable == 0 && sent.All(i => statuses[i] is >= 200 and < 300 or 409) ? 0 : 1;
    }

    /// <summary>CPU seconds (user + system) of the server process, of the database's postmaster and its children (the
    /// backends alive now), and of this process.</summary>
    private static (double Server, double Database, double Self) Cpu(int serverPid, int dbPid)
    {
        static double Of(int pid)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / 100.0; // utime, stime in ticks
            }
            catch (IOException) { return 0; }
        }
        static int Parent(string dir)
        {
            try { var stat = File.ReadAllText(Path.Combine(dir, "stat")); return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture); }
            catch (IOException) { return -1; }
            catch (UnauthorizedAccessException) { return -1; }
        }
        if (serverPid <= 0) return (0, 0, 0);
        var database = dbPid > 0 ? Of(dbPid) + Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _) && Parent(d) == dbPid)
            .Sum(d => Of(int.Parse(Path.GetFileName(d), CultureInfo.InvariantCulture))) : 0;
        return (Of(serverPid), database, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
    }

    private static Sent Make(Question q, Random rng) => q.Kind switch
    {
        "SingleChoice" => new Sent([rng.Next(q.Options)], null, null),
        "MultipleChoice" => new Sent([.. Enumerable.Range(0, q.Options).Where(_ => rng.NextDouble() < 0.5).DefaultIfEmpty(rng.Next(q.Options)).Distinct()], null, null),
        "TrueFalse" => new Sent(null, rng.NextDouble() < 0.5, null),
        _ => new Sent(null, null, rng.Next(0, 1000)),
    };

    private static double Pct(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Line(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
