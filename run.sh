#!/usr/bin/env bash
# MultiAsset.Engine entry point.
#   ./run.sh [--duration 10s] [--config FILE]   build (Release) and run the engine on its embedded defaults
#   ./run.sh test                                 run every test; ends with "N passed, N failed, N skipped"
#   ./run.sh bench [filter...]                    BenchmarkDotNet suites (e.g. ./run.sh bench '*Spsc*')
#   ./run.sh bench-ring [shape] [--wait W] [--runs N]  our ring in Disruptor-net's perf-test shapes (1p1c, pipeline, 1p3c, 3p1c, pingpong, ...)
#   ./run.sh latency [options]                    ping-pong latency (HdrHistogram) and idle-CPU measurement
#   ./run.sh latency pipeline [--rate N]          whole-pipeline tick -> order latency and maximum sustained rate
#   ./run.sh latency reads [--rate 1000]          engine events/s with and without reads through the control API
#   ./run.sh latency recovery [--records N]       recovery time: newest snapshot + journal tail vs the whole journal
#   ./run.sh crash [trials]                       the SIGKILL crash-recovery test alone, longer (default 100 trials)
#   ./run.sh maectl ...                           the operator CLI (strategies, accounts, risk, halt, journal, data, ...)
#   ./run.sh backtest SPEC.json [-o DIR]          run a backtest (docs/backtest.md); results in the spec's output folder
#   ./run.sh replay-diff [--journal DIR] [--config A.json] [--risk F] ...  replay a journal with a changed configuration, report the first divergence (docs/replay-diff.md; also: maectl replay diff)
#   ./run.sh backtest sweep SWEEP.json [-o DIR] [--workers N]  parameter grid / random search / walk-forward (docs/backtest-sweeps.md)
#   ./run.sh backtest sweep SWEEP.json --cluster URL   the same sweep run by workers over NATS JetStream (docs/cluster.md)
#   ./run.sh worker --cluster URL [--concurrency N]    a sweep worker: pulls runs from the cluster and runs them
#   ./run.sh cluster [start|stop]                 a local three-node nats-server cluster on loopback (foreground; Ctrl-C stops it)
set -euo pipefail
caller_dir="$PWD"
cd "$(dirname "$0")"
repo_dir="$PWD"
source "$repo_dir/scripts/web.sh"
source "$repo_dir/scripts/cluster.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Printed before the engine starts on the embedded defaults: where the control API listens and what to try first.
hint() {
  echo "Web UI: http://127.0.0.1:5080/ (sign in with a key below)"
  echo "Control API: REST http://127.0.0.1:5080/api/multi-asset · gRPC 127.0.0.1:5081 (dev keys: mae-dev-viewer-key, mae-dev-admin-key)"
  echo "Try, in another terminal:  ./run.sh maectl strategies list --api-key mae-dev-viewer-key"
  echo "                      or:  curl -H 'X-Api-Key: mae-dev-viewer-key' http://127.0.0.1:5080/api/multi-asset/risk/analysis"
}

require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: the .NET 10 SDK is required but 'dotnet' is not on PATH." >&2
    echo "       Install the .NET 10 SDK (https://dotnet.microsoft.com/download/dotnet/10.0) and re-run." >&2
    exit 127
  fi
  local major
  major=$(dotnet --list-sdks 2>/dev/null | awk -F. '{print $1}' | sort -n | tail -1)
  if [ -z "$major" ] || [ "$major" -lt 10 ]; then
    echo "error: the .NET 10 SDK is required; found SDKs: $(dotnet --list-sdks 2>/dev/null | tr '\n' ' ')" >&2
    exit 127
  fi
}

build() {
  # Quiet on success (so "./run.sh maectl ..." prints only the command's output); the full log on failure.
  local log status
  log=$(mktemp)
  dotnet build MultiAsset.Engine.sln -c Release -nologo -v quiet "-clp:ErrorsOnly;NoSummary" "$@" > "$log" 2>&1
  status=$?
  [ $status -eq 0 ] || cat "$log"
  rm -f "$log"
  return $status
}

run_tests() {
  local results
  results=$(mktemp -d)
  # No "set -e" here: failing tests must still reach the summary line.
  set +e
  build
  local build_status=$?
  local test_status=1
  if [ $build_status -eq 0 ]; then
    dotnet test MultiAsset.Engine.sln -c Release --no-build -nologo \
      --logger "trx;LogFilePrefix=results" --results-directory "$results" \
      --logger "console;verbosity=normal" 2>&1 | grep -vE '^\s+Passed |^\s*$'
    test_status=${PIPESTATUS[0]}
  fi
  # The browser UI: Vitest component tests, then Playwright in Chromium against a real host.
  if [ $build_status -eq 0 ]; then
    run_web_unit_tests "$results" || test_status=1
    run_web_e2e_tests "$results" || test_status=1
  fi
  set -e
  # Sum the counters of every test project's TRX file, then of the web suites' JUnit files.
  local passed=0 failed=0 skipped=0
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    local counters
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    passed=$((passed + $(echo "$counters" | sed -E 's/.* passed="([0-9]+)".*/\1/')))
    failed=$((failed + $(echo "$counters" | sed -E 's/.* failed="([0-9]+)".*/\1/')))
    skipped=$((skipped + $(echo "$counters" | sed -E 's/.* notExecuted="([0-9]+)".*/\1/')))
  done
  for junit in "$results"/*.xml; do
    [ -f "$junit" ] || continue
    local p f k
    read -r p f k < <(count_junit "$junit")
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + k))
  done
  rm -rf "$results"
  if [ $build_status -ne 0 ]; then
    echo "build failed"
    failed=$((failed + 1))
  elif [ $test_status -ne 0 ] && [ $failed -eq 0 ]; then
    echo "test run failed (exit $test_status) without reporting a failed test"
    failed=1
  fi
  echo "$passed passed, $failed failed, $skipped skipped"
  [ $failed -eq 0 ]
}

command="${1:-run}"
case "$command" in
  test)
    require_dotnet
    run_tests
    ;;
  bench)
    require_dotnet
    shift
    dotnet run -c Release --project benchmarks/MultiAsset.Benchmarks -- bench "$@"
    ;;
  bench-ring)
    require_dotnet
    shift
    dotnet run -c Release --project benchmarks/MultiAsset.Benchmarks -- bench-ring "$@"
    ;;
  crash)
    require_dotnet
    build
    MAE_CRASH_TRIALS="${2:-100}" dotnet test tests/MultiAsset.Host.Tests -c Release --no-build -nologo --filter "Category=Crash" --logger "console;verbosity=normal"
    ;;
  maectl)
    require_dotnet
    shift
    build
    exec dotnet engine/MultiAsset.Cli/bin/Release/net10.0/maectl.dll "$@"
    ;;
  backtest)
    require_dotnet
    shift
    build
    # Paths in the arguments are the caller's: run from where the command was typed.
    cd "$caller_dir"
    # A sweep with --cluster goes to the cluster's client (docs/cluster.md); everything else to the host.
    if [ "${1:-}" = "sweep" ] && printf '%s\n' "$@" | grep -qx -- '--cluster'; then
      shift
      exec dotnet "$repo_dir/engine/MultiAsset.Cluster/bin/Release/net10.0/MultiAsset.Cluster.dll" sweep "$@"
    fi
    exec dotnet "$repo_dir/engine/MultiAsset.Host/bin/Release/net10.0/MultiAsset.Host.dll" backtest "$@"
    ;;
  replay-diff)
    require_dotnet
    shift
    build
    # Paths in the arguments are the caller's: run from where the command was typed.
    cd "$caller_dir"
    exec dotnet "$repo_dir/engine/MultiAsset.Host/bin/Release/net10.0/MultiAsset.Host.dll" replay-diff "$@"
    ;;
  worker)
    require_dotnet
    shift
    build
    cd "$caller_dir"
    exec dotnet "$repo_dir/engine/MultiAsset.Cluster/bin/Release/net10.0/MultiAsset.Cluster.dll" worker "$@"
    ;;
  cluster)
    case "${2:-run}" in
      run) cluster_run ;;
      start) cluster_start ;;
      stop) cluster_stop ;;
      *) echo "usage: ./run.sh cluster [start|stop]" >&2; exit 2 ;;
    esac
    ;;
  latency)
    require_dotnet
    shift
    dotnet run -c Release --project benchmarks/MultiAsset.Benchmarks -- latency "$@"
    ;;
  run)
    require_dotnet
    [ $# -gt 0 ] && shift
    build_web || echo "warning: the web UI was not built (see above); the engine and its API run without it" >&2
    build
    hint
    exec dotnet engine/MultiAsset.Host/bin/Release/net10.0/MultiAsset.Host.dll "$@"
    ;;
  --*)
    require_dotnet
    build_web || echo "warning: the web UI was not built (see above); the engine and its API run without it" >&2
    build
    hint
    exec dotnet engine/MultiAsset.Host/bin/Release/net10.0/MultiAsset.Host.dll "$@"
    ;;
  -h|--help|help)
    sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'
    ;;
  *)
    echo "unknown command '$command'" >&2
    sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
