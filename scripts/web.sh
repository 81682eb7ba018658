# The browser UI's build and tests; sourced by run.sh (which sets repo_dir).
#   build_web                  npm ci (when the lockfile changed) + vite build of engine/MultiAsset.Web into dist/
#   run_web_unit_tests DIR     Vitest component tests; JUnit XML into DIR
#   run_web_e2e_tests DIR      Playwright (playwright-core) in Debian's Chromium against a real host; JUnit XML into DIR
#   count_junit FILE           prints "passed failed skipped" for one JUnit XML file

web_dir="$repo_dir/engine/MultiAsset.Web"
e2e_dir="$repo_dir/tests/MultiAsset.Web.E2E"

require_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "error: Node.js 20+ and npm are needed to build the web UI (engine/MultiAsset.Web) but are not on PATH." >&2
    return 127
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 20 ]; then
    echo "error: Node.js 20+ is needed to build the web UI; found $(node --version)." >&2
    return 127
  fi
}

# npm ci only when node_modules is missing or older than the committed lockfile (npm ci deletes node_modules first).
npm_ci_if_needed() {
  local dir="$1"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || return 1
  fi
}

build_web() {
  [ -f "$web_dir/package.json" ] || return 0
  require_node || return 1
  npm_ci_if_needed "$web_dir" || { echo "error: npm ci failed in $web_dir" >&2; return 1; }
  # Rebuild when any source is newer than the built page.
  if [ ! -f "$web_dir/dist/index.html" ] || [ -n "$(find "$web_dir/src" "$web_dir/index.html" "$web_dir/package-lock.json" "$web_dir"/vite.config.* -newer "$web_dir/dist/index.html" 2>/dev/null | head -1)" ]; then
    (cd "$web_dir" && npm run build --silent) || { echo "error: the web UI build failed (cd engine/MultiAsset.Web && npm run build)" >&2; return 1; }
  fi
}

# Debian's Chromium (Playwright's own browser download cannot work here). Installs it when missing.
ensure_chromium() {
  command -v chromium >/dev/null 2>&1 && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      echo "error: chromium is not installed and this user cannot install it (apt-get install chromium needs root)." >&2
      return 1
    fi
  fi
  echo "installing Debian's chromium for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -q chromium >/dev/null 2>&1 \
    || { $sudo apt-get update -q >/dev/null 2>&1 && $sudo apt-get install -y -q chromium >/dev/null 2>&1; } \
    || { echo "error: apt-get install chromium failed" >&2; return 1; }
}

run_web_unit_tests() {
  local results="$1"
  [ -f "$web_dir/package.json" ] || return 0
  require_node && npm_ci_if_needed "$web_dir" || { write_failed_junit "$results/vitest.xml" "vitest: npm ci failed"; return 1; }
  (cd "$web_dir" && npx vitest run --reporter=default --reporter=junit --outputFile.junit="$results/vitest.xml")
}

run_web_e2e_tests() {
  local results="$1"
  [ -f "$e2e_dir/package.json" ] || return 0
  if ! ensure_chromium || ! require_node || ! npm_ci_if_needed "$e2e_dir" || ! build_web; then
    write_failed_junit "$results/e2e.xml" "browser tests could not start (chromium, node or the web build missing; see above)"
    return 1
  fi
  (cd "$e2e_dir" && E2E_RESULTS="$results" node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=junit --test-reporter-destination="$results/e2e.xml" tests/)
}

# A suite that could not run counts as one failed test, never as nothing.
write_failed_junit() {
  printf '<?xml version="1.0"?>\n<testsuites><testcase name="%s"><failure message="%s"/></testcase></testsuites>\n' "$2" "$2" > "$1"
}

count_junit() {
  node "$repo_dir/scripts/count-junit.mjs" "$1"
}
