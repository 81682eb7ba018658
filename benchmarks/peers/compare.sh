#!/usr/bin/env bash
# Ours against LMAX's Java Disruptor in the same shapes, alternating the two in each round, on one machine in one
# session; prints every run's median line and, at the end, the median and range of the per-run medians per shape.
#   benchmarks/peers/compare.sh [ROUNDS] [RUNS]     (defaults: 5 rounds, 3 runs per invocation)
# Builds ours once (Release); the Java side builds itself (benchmarks/peers/lmax-java/run.sh). Takes ≈ 2 min a round.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-5}"
runs="${2:-3}"
dotnet build -c Release benchmarks/MultiAsset.Benchmarks -nologo -v quiet >&2
ours=(dotnet benchmarks/MultiAsset.Benchmarks/bin/Release/net10.0/MultiAsset.Benchmarks.dll bench-ring)
java=(benchmarks/peers/lmax-java/run.sh)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

measure() { # who shape wait command...
  local who="$1" shape="$2" wait="$3"
  shift 3
  local line
  line="$("$@" "$shape" --wait "$wait" --runs "$runs" 2>&1 | grep '^Median' || echo 'Median failed: 0 ops/sec')"
  echo "$who $shape $wait load $(cut -d' ' -f1 /proc/loadavg): $line" | tee -a "$log"
}

for round in $(seq 1 "$rounds"); do
  echo "# round $round"
  for spec in "1p1c Yielding" "1p1c BusySpin" "pipeline Yielding" "1p3c Yielding" "3p1c Yielding"; do
    read -r shape wait <<<"$spec"
    measure ours "$shape" "$wait" "${ours[@]}"
    measure java "$shape" "$wait" "${java[@]}"
  done
  for shape in 1p1c-fused pipeline-fused; do
    measure ours "$shape" Yielding "${ours[@]}"
  done
done

echo
echo "# medians of the per-invocation medians, M events/s (range), $rounds rounds x $runs runs"
# "who shape wait value" lines, sorted by key then value; the median is the middle of each key's run of lines.
awk '{ for (i = 1; i <= NF; i++) if ($i == "ops/sec") { v = $(i - 1); gsub(",", "", v); printf "%s %s %s %.1f\n", $1, $2, $3, v / 1e6 } }' "$log" \
  | sort -k1,1 -k2,2 -k3,3 -k4,4n \
  | awk '{ key = $1 " " $2 " " $3 }
         key != last && last != "" { flush() }
         { v[++n] = $4; last = key }
         END { if (n) flush() }
         function flush(   m) { m = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2;
                               printf "%-30s median %7.1f  (%.1f - %.1f)  n=%d\n", last, m, v[1], v[n], n; n = 0 }'
