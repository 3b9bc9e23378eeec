#!/usr/bin/env bash
# Fuzzes the five input parsers one after another (never in parallel).
#
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Needs `cargo install cargo-fuzz`; on a stable toolchain RUSTC_BOOTSTRAP=1 lets
# cargo-fuzz use the sanitizer flags. Seeds come from the shipped contracts and
# example ticket files; crashing inputs land in fuzz/artifacts/<target>/ and
# belong, once fixed, in tests/fuzz_regressions/<target>/. NO_BUILD=1 reuses the
# binaries of the previous build.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(timestamp tickets_csv contract_toml events_csv mapping)
export RUSTC_BOOTSTRAP=1

seed() {
  mkdir -p corpus/timestamp corpus/tickets_csv corpus/contract_toml corpus/events_csv corpus/mapping
  local i=0
  for s in "2026-03-20T16:30:00-05:00" "2026-03-29 02:30" "2026-10-25 02:30:00" \
           "2026-03-20 16:30" "2026-03-20t16:30:00.123Z" "2026-03-20 16:30:59 +0100" \
           "9999-12-31T23:59:60+14:00" "0000-01-01 00:00"; do
    printf '\001%s' "$s" > "corpus/timestamp/seed$i"; i=$((i + 1))
  done
  # The first byte picks the contract: 0 adereso, 1 athento, 2 audara, 3 clever, 4 safr.
  local n=0
  for c in adereso athento audara clever safr; do
    { printf "\\$(printf '%03o' $n)"; cat "../examples/$c-tickets.csv"; } > "corpus/tickets_csv/$c"
    n=$((n + 1))
  done
  for f in ../contracts/*.toml; do cp "$f" corpus/contract_toml/; done
  # Events files, with the index of their contract's example tickets.
  { printf '\001'; cat ../examples/athento-events.csv; } > corpus/events_csv/athento
  { printf '\002'; cat ../examples/audara-events.csv; } > corpus/events_csv/audara
  # Mapping files with their export, split by a NUL byte.
  for m in ../examples/exports/*.toml; do
    [ -e "$m" ] || continue
    local csv=${m%-*}.csv
    [ -e "$csv" ] || csv=${m%.toml}.csv
    [ -e "$csv" ] || continue
    { cat "$m"; printf '\000'; cat "$csv"; } > "corpus/mapping/$(basename "$m" .toml)"
  done
  if [ -d ../tests/fuzz_regressions ]; then
    for t in timestamp tickets_csv contract_toml events_csv mapping; do
      [ -d "../tests/fuzz_regressions/$t" ] && cp ../tests/fuzz_regressions/$t/* corpus/$t/ 2>/dev/null || true
    done
  fi
}

seed
# Build once, then run the binaries directly, so edits made to the sources while
# a long run is going on do not trigger rebuilds between targets.
[ -n "${NO_BUILD:-}" ] || cargo fuzz build -O
bin_dir=target/$(rustc -vV | sed -n 's/^host: //p')/release
for t in "${targets[@]}"; do
  mkdir -p "artifacts/$t"
  echo "== $t: ${secs}s"
  start=$(date +%s)
  "$bin_dir/$t" "corpus/$t" -artifact_prefix="artifacts/$t/" -max_total_time="$secs" \
    -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 >"artifacts/$t.log" 2>&1 || true
  end=$(date +%s)
  echo "   wall $((end - start))s; $(grep -E '^stat::number_of_executed_units' "artifacts/$t.log" || echo 'no stats (crashed?)')"
  grep -E '^(SUMMARY|==[0-9]+==ERROR|thread .* panicked|Test unit written)' "artifacts/$t.log" || true
  ls "artifacts/$t" 2>/dev/null | sed 's/^/   artifact: /'
done
