#!/usr/bin/env bash
# Raking side by side with R's survey::rake on the same data, in one run: 50,000 responses in 10 districts
# (6 age bands × 2 sexes, unequal response rates), the subset size the trust-and-safety issue names.
# Reports the time each spends raking (file reading excluded) and the largest weight difference.
# Usage: bench/raking/run.sh [responses] [districts]. Needs r-base-core and r-cran-survey (scripts/test.sh installs them).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
n="${1:-50000}"; districts="${2:-10}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
python3 - "$n" "$districts" "$work" <<'PY'
import random, sys, csv
n, k, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(2026)
ages = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
with open(f"{work}/R.csv", "w", newline="") as f, open(f"{work}/M.csv", "w", newline="") as g:
    r = csv.writer(f); m = csv.writer(g)
    r.writerow(["id", "district", "age_band", "sex"]); m.writerow(["district", "variable", "category", "population"])
    for d in range(k):
        pop = rng.randint(50_000, 400_000)
        shares = [rng.uniform(0.8, 1.2) * s for s in [0.14, 0.22, 0.2, 0.17, 0.14, 0.13]]
        total = sum(shares)
        for a, s in zip(ages, shares): m.writerow([f"d{d}", "age_band", a, round(pop * s / total)])
        female = round(pop * rng.uniform(0.49, 0.54))
        m.writerow([f"d{d}", "sex", "F", female]); m.writerow([f"d{d}", "sex", "M", sum(round(pop * s / total) for s in shares) - female])
    for i in range(n):
        age = rng.choices(ages, weights=[0.08, 0.18, 0.22, 0.2, 0.17, 0.15])[0]
        r.writerow([i, f"d{i % k}", age, "F" if rng.random() < 0.58 else "M"])
PY
dotnet build "$repo/src/Senim.Web" -c Release --nologo -v quiet >/dev/null
senim=$(dotnet run -c Release --no-build --project "$repo/src/Senim.Web" -- surveys weights --responses "$work/R.csv" --margins "$work/M.csv" --out "$work/W-senim.csv" --timing | grep -E "^Senim raking")
r=$(Rscript "$repo/bench/raking/rake-districts.R" "$work/R.csv" "$work/M.csv" "$work/W-r.csv")
diff=$(python3 - "$work" <<'PY'
import csv, sys
w = sys.argv[1]
a = {row["id"]: float(row["weight"]) for row in csv.DictReader(open(f"{w}/W-senim.csv"))}
b = {row["id"]: float(row["weight"]) for row in csv.DictReader(open(f"{w}/W-r.csv"))}
assert a.keys() == b.keys(), "different responses weighted"
print(f"largest |weight difference| over {len(a)} responses: {max(abs(a[k] - b[k]) for k in a):.3g} (weights average {sum(a.values()) / len(a):.1f})")
PY
)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $n responses, $districts districts"
echo "$senim"
echo "$r"
echo "$diff"
