#!/usr/bin/env bash
# Audit speed against the floor (the least any audit must do: read every record,
# parse its timestamps, write one line), on generated tickets files.
#
#   bench/run.sh                 # 1 000 000 rows for audara and athento
#   ROWS=200000 REPEAT=1 bench/run.sh
#
# Prints wall time, CPU time (user + system; the audit runs on several threads,
# the floor on one), rows/second and peak RSS per program, and two ratios of wall
# times: audit/floor, and audit/floor-with-the-audit's-output-volume (the floor
# run with --out-bytes, writing filler up to the size of that audit's output: a
# JSONL audit writes about 20 times the floor's bytes, and copying them into the
# page cache is a cost every program producing that output pays). Targets, on
# the second ratio: audit <= 1.5x, peak memory < 50 MB.
#
# Then the same with an events file (about three events per ticket: updates
# around the cadence, pauses and resumes, some events of unknown tickets) for
# EVENTS_CONTRACTS, against a floor that also reads the events file and parses
# every time in it (and, for the second ratio, writes as many bytes as the
# audit). Targets: audit <= 1.5x, peak memory < 200 MB.
# EVENTS_CONTRACTS= (empty) skips it.
#
# Files and outputs go to bench/out/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-1000000}
REPEAT=${REPEAT:-10}
SEED=${SEED:-42}
# Default as-of: a week after the last ticket of each file (set AS_OF to override).
AS_OF=${AS_OF:-}
CONTRACTS=${CONTRACTS:-audara athento}
EVENTS_CONTRACTS=${EVENTS_CONTRACTS-audara athento}
TIME=/usr/bin/time

if [ ! -x "$TIME" ]; then
  echo "bench: $TIME is missing (GNU time is needed for peak memory); install it with: apt-get install time" >&2
  exit 1
fi

cargo build --release --quiet --bin slaudit --example gen_tickets --example floor --example read_tickets
bin=${CARGO_TARGET_DIR:-target}/release
out=bench/out
mkdir -p "$out"

echo "machine: $(nproc) CPU(s), $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "rows: $ROWS per file, best wall time of $REPEAT run(s), as of ${AS_OF:-a week after the last ticket}"
echo

# Best wall time, CPU time of that run, and peak RSS of every program so far,
# by tag. The programs of one contract run in rounds (floor, csv, jsonl, floor,
# ...) so that a machine that slows down or speeds up during the run affects the
# floor and the audit alike.
declare -A best_wall best_cpu peak_kb

# Runs a command once under GNU time (for CPU time and peak memory) and records
# its wall time, read from the shell's clock in microseconds (GNU time only
# gives hundredths of a second).
run_once() {
  local tag=$1 dest=$2
  shift 2
  local t0 t1
  # Start every run from the same state: no earlier output to truncate and no
  # dirty pages of earlier runs being written back while this one runs.
  rm -f "$dest"
  sync
  t0=$EPOCHREALTIME
  "$TIME" -v -o "$out/$tag.time" "$@" >"$dest" 2>"$out/$tag.stderr" || {
    echo "bench: $tag failed:" >&2
    cat "$out/$tag.stderr" >&2
    exit 1
  }
  t1=$EPOCHREALTIME
  local wall kb used
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/$tag.time")
  used=$(sed -n 's/.*\(User\|System\) time (seconds): //p' "$out/$tag.time" | awk '{ s += $1 } END { print s }')
  if [ -z "${best_wall[$tag]:-}" ] || awk -v a="$wall" -v b="${best_wall[$tag]}" 'BEGIN { exit !(a < b) }'; then
    best_wall[$tag]=$wall
    best_cpu[$tag]=$used
  fi
  if [ "$kb" -gt "${peak_kb[$tag]:-0}" ]; then
    peak_kb[$tag]=$kb
  fi
}

# One audit line: its figures, its ratio to the floor and to the floor that
# writes as much, and whether it meets the targets (ratio to the second floor,
# peak memory under $6 MB).
report() {
  local c=$1 name=$2 tag=$3 floor=$4 floor_out=$5 limit=$6
  local w=${best_wall[$tag]} ratio ratio_out mb verdict=ok
  ratio=$(awk -v a="$w" -v f="${best_wall[$floor]}" 'BEGIN { printf "%.2f", a / f }')
  ratio_out=$(awk -v a="$w" -v f="${best_wall[$floor_out]}" 'BEGIN { printf "%.2f", a / f }')
  mb=$(awk -v k="${peak_kb[$tag]}" 'BEGIN { printf "%.1f", k / 1024 }')
  if awk -v r="$ratio_out" -v m="$mb" -v l="$limit" 'BEGIN { exit !(r > 1.5 || m >= l) }'; then
    verdict=MISS
    misses=$((misses + 1))
  fi
  printf '%-8s %-11s %8.3f %7.2f %10.0f %12s %12s %10s %4s\n' "$c" "$name" "$w" "${best_cpu[$tag]}" \
    "$(awk -v r="$ROWS" -v w="$w" 'BEGIN { print r / w }')" "$mb" "$ratio" "$ratio_out" "$verdict"
}

printf '%-8s %-11s %8s %7s %10s %12s %12s %10s\n' contract program wall_s cpu_s rows/s peak_rss_MB ratio/floor ratio/out
misses=0
notes=()
for c in $CONTRACTS; do
  file=$out/$c-$ROWS.csv
  if [ ! -s "$file" ] || [ "$file" -ot "$bin/examples/gen_tickets" ]; then
    "$bin/examples/gen_tickets" --contract "$c" --rows "$ROWS" --seed "$SEED" >"$file"
  fi
  as_of=$AS_OF
  if [ -z "$as_of" ]; then
    last=$(tail -n 1 "$file" | grep -oE "[0-9]{4}-[0-9]{2}-[0-9]{2}" | head -1)
    as_of="$(date -u -d "$last + 7 days" +%Y-%m-%d)T00:00:00Z"
  fi
  notes+=("$c: $file, as of $as_of")
  for _ in $(seq "$REPEAT"); do
    run_once "$c.floor" "$out/$c.floor.out" "$bin/examples/floor" --contract "$c" "$file"
    for fmt in csv jsonl; do
      run_once "$c.audit-$fmt" "$out/$c.audit.$fmt" \
        "$bin/slaudit" audit --contract "$c" "$file" --as-of "$as_of" --format "$fmt" --keep-going -qqq
      run_once "$c.floor-$fmt" "$out/$c.floor-$fmt.out" "$bin/examples/floor" --contract "$c" \
        --out-bytes "$(stat -c %s "$out/$c.audit.$fmt")" "$file"
    done
  done
  fw=${best_wall[$c.floor]}
  printf '%-8s %-11s %8.3f %7.2f %10.0f %12.1f %12s\n' "$c" floor "$fw" "${best_cpu[$c.floor]}" \
    "$(awk -v r="$ROWS" -v w="$fw" 'BEGIN { print r / w }')" \
    "$(awk -v k="${peak_kb[$c.floor]}" 'BEGIN { print k / 1024 }')" 1.00
  for fmt in csv jsonl; do
    report "$c" "audit-$fmt" "$c.audit-$fmt" "$c.floor" "$c.floor-$fmt" 50
  done
done

# The audit with an events file, against a floor that reads both files.
for c in $EVENTS_CONTRACTS; do
  file=$out/$c-$ROWS-ev.csv
  events=$out/$c-$ROWS-events.csv
  if [ ! -s "$file" ] || [ ! -s "$events" ] || [ "$file" -ot "$bin/examples/gen_tickets" ]; then
    "$bin/examples/gen_tickets" --contract "$c" --rows "$ROWS" --seed "$SEED" --events "$events" >"$file"
  fi
  as_of=$AS_OF
  if [ -z "$as_of" ]; then
    last=$(tail -n 1 "$file" | grep -oE "[0-9]{4}-[0-9]{2}-[0-9]{2}" | head -1)
    as_of="$(date -u -d "$last + 7 days" +%Y-%m-%d)T00:00:00Z"
  fi
  notes+=("$c with events: $file, $events ($(($(wc -l <"$events") - 1)) events), as of $as_of")
  for _ in $(seq "$REPEAT"); do
    run_once "$c.floor-events" "$out/$c.floor-events.out" "$bin/examples/floor" --contract "$c" --events "$events" "$file"
    run_once "$c.audit-events" "$out/$c.audit-events.csv" \
      "$bin/slaudit" audit --contract "$c" "$file" --events "$events" --as-of "$as_of" --format csv --keep-going -qqq
    run_once "$c.floor-events-out" "$out/$c.floor-events-out.out" "$bin/examples/floor" --contract "$c" \
      --events "$events" --out-bytes "$(stat -c %s "$out/$c.audit-events.csv")" "$file"
  done
  fw=${best_wall[$c.floor-events]}
  printf '%-8s %-11s %8.3f %7.2f %10.0f %12.1f %12s\n' "$c" floor+ev "$fw" "${best_cpu[$c.floor-events]}" \
    "$(awk -v r="$ROWS" -v w="$fw" 'BEGIN { print r / w }')" \
    "$(awk -v k="${peak_kb[$c.floor-events]}" 'BEGIN { print k / 1024 }')" 1.00
  report "$c" "audit+ev" "$c.audit-events" "$c.floor-events" "$c.floor-events-out" 200
done
echo
printf '%s\n' "${notes[@]}"

# Reading through a mapping: the same tickets written as a help desk would
# (its own header names, priority words instead of the contract's keys), read
# through a mapping file, against slaudit's own format; both read every record
# and parse every time (examples/read_tickets.rs). Target: mapped <= 1.2x own.
# The whole audit through the mapping is timed too, for information.
# MAP_CONTRACTS= (empty) skips it.
MAP_CONTRACTS=${MAP_CONTRACTS-audara}
map_misses=0
for c in $MAP_CONTRACTS; do
  file=$out/$c-$ROWS.csv
  export_file=$out/$c-$ROWS-export.csv
  map=$out/$c-export-map.toml
  if [ ! -s "$file" ] || [ "$file" -ot "$bin/examples/gen_tickets" ]; then
    "$bin/examples/gen_tickets" --contract "$c" --rows "$ROWS" --seed "$SEED" >"$file"
  fi
  {
    echo "Ticket ID,Plan,Priority,Via,Created at,First reply at,Solved at"
    tail -n +2 "$file" | awk -F, 'BEGIN { OFS = "," } { $3 = "Level " $3; print }'
  } > "$export_file"
  {
    printf '[columns]\nid = "Ticket ID"\nplan = "Plan"\npriority = "Priority"\nchannel = "Via"\n'
    printf 'created_at = "Created at"\nfirst_response_at = "First reply at"\nresolved_at = "Solved at"\n'
    printf '[formats]\nall = ["%%Y-%%m-%%d %%H:%%M:%%S", "%%Y-%%m-%%d %%H:%%M"]\n[priority]\n'
    tail -n +2 "$file" | cut -d, -f3 | sort -u | awk '{ printf "\"Level %s\" = \"%s\"\n", $0, $0 }'
  } > "$map"
  tz=$("$bin/slaudit" contracts 2>/dev/null | awk -v c="$c" '$2 == c { for (i = 1; i <= NF; i++) if ($i ~ /\//) { print $i; exit } }')
  tz=${tz:-UTC}
  last=$(tail -n 1 "$file" | grep -oE "[0-9]{4}-[0-9]{2}-[0-9]{2}" | head -1)
  as_of="$(date -u -d "$last + 7 days" +%Y-%m-%d)T00:00:00Z"
  # The readers take a third of a second: three rounds of them per repeat.
  for _ in $(seq $((REPEAT * 3))); do
    run_once "$c.read-own" "$out/$c.read-own.out" "$bin/examples/read_tickets" --tz "$tz" "$file"
    run_once "$c.read-map" "$out/$c.read-map.out" "$bin/examples/read_tickets" --tz "$tz" --map "$map" "$export_file"
  done
  for _ in $(seq "$REPEAT"); do
    run_once "$c.audit-own" "$out/$c.audit-own.csv" \
      "$bin/slaudit" audit --contract "$c" "$file" --as-of "$as_of" --format csv --keep-going -qqq
    run_once "$c.audit-map" "$out/$c.audit-map.csv" \
      "$bin/slaudit" audit --contract "$c" --map "$map" "$export_file" --as-of "$as_of" --format csv --keep-going -qqq
  done
  if ! cmp -s "$out/$c.audit-own.csv" "$out/$c.audit-map.csv"; then
    echo "bench: $c: the audit through the mapping differs from the audit of the same tickets" >&2
    exit 1
  fi
  read_ratio=$(awk -v a="${best_wall[$c.read-map]}" -v b="${best_wall[$c.read-own]}" 'BEGIN { printf "%.2f", a / b }')
  audit_ratio=$(awk -v a="${best_wall[$c.audit-map]}" -v b="${best_wall[$c.audit-own]}" 'BEGIN { printf "%.2f", a / b }')
  verdict=ok
  if awk -v r="$read_ratio" 'BEGIN { exit !(r > 1.2) }'; then
    verdict=MISS
    map_misses=$((map_misses + 1))
  fi
  echo
  printf '%-8s read own %.3f s, through a mapping %.3f s: %s x %s; whole audit %.3f s / %.3f s: %s x\n' "$c" \
    "${best_wall[$c.read-own]}" "${best_wall[$c.read-map]}" "$read_ratio" "$verdict" \
    "${best_wall[$c.audit-own]}" "${best_wall[$c.audit-map]}" "$audit_ratio"
done

# The monthly report against the audit's own time: REPORT_CONTRACTS (default
# audara) with $ROWS tickets all created in January 2024 and a month of
# outages; target: report (markdown) at most 1.5x `audit --format csv` on the
# same tickets, memory growing with the breach list only.
REPORT_CONTRACTS=${REPORT_CONTRACTS-audara}
report_misses=0
for c in $REPORT_CONTRACTS; do
  file=$out/$c-$ROWS-month.csv
  if [ ! -s "$file" ] || [ "$file" -ot "$bin/examples/gen_tickets" ]; then
    "$bin/examples/gen_tickets" --contract "$c" --rows "$ROWS" --seed "$SEED" --days 31 >"$file"
  fi
  outages=$out/$c-outages-month.csv
  {
    echo "id,start,end,kind,notified_at,excluded"
    for d in $(seq 1 30); do
      printf 'O-%02d,2024-01-%02d 02:00,2024-01-%02d 02:%02d,%s,2024-01-01 00:00,\n' "$d" "$d" "$d" $((d + 10)) \
        "$([ $((d % 3)) -eq 0 ] && echo maintenance || echo unplanned)"
    done
  } >"$outages"
  for _ in $(seq "$REPEAT"); do
    run_once "$c.month-audit" "$out/$c.month-audit.csv" \
      "$bin/slaudit" audit --contract "$c" "$file" --as-of 2024-02-01T00:00:00Z --format csv --keep-going -qqq
    run_once "$c.month-report" "$out/$c.month-report.md" \
      "$bin/slaudit" report --contract "$c" --month 2024-01 --tickets "$file" --outages "$outages" \
      --as-of 2024-02-02T00:00:00Z --keep-going
  done
  ratio=$(awk -v a="${best_wall[$c.month-report]}" -v f="${best_wall[$c.month-audit]}" 'BEGIN { printf "%.2f", a / f }')
  verdict=ok
  if awk -v r="$ratio" 'BEGIN { exit !(r > 1.5) }'; then
    verdict=MISS
    report_misses=$((report_misses + 1))
  fi
  breaches=$(grep -c '^| [^|]* | [^|]* | \(response\|resolution\|workaround\) |' "$out/$c.month-report.md" || true)
  echo
  printf '%-8s report %.3f s (peak %.1f MB, %s breach rows), audit csv %.3f s (peak %.1f MB): %s x %s\n' "$c" \
    "${best_wall[$c.month-report]}" "$(awk -v k="${peak_kb[$c.month-report]}" 'BEGIN { print k / 1024 }')" "$breaches" \
    "${best_wall[$c.month-audit]}" "$(awk -v k="${peak_kb[$c.month-audit]}" 'BEGIN { print k / 1024 }')" "$ratio" "$verdict"
done

# Start-up: the best wall time of 20 runs of commands that do almost nothing
# else (target: under 5 ms each).
printf 'id,created_at,priority\nT1,2026-03-02 09:00,1\n' > "$out/one-row.csv"
startup() {
  local best=999999999 s e
  for _ in $(seq 20); do
    s=$(date +%s%N)
    "$bin/slaudit" "$@" > /dev/null 2>&1 || true
    e=$(date +%s%N)
    [ $((e - s)) -lt "$best" ] && best=$((e - s))
  done
  awk -v ns="$best" -v what="$*" 'BEGIN { printf "start-up %7.1f ms  slaudit %s\n", ns / 1e6, what }'
}
echo
startup contracts
startup deadline --contract audara --plan gold --priority 1 --at 2026-03-14T10:00:00-05:00
startup audit --contract audara --plan gold "$out/one-row.csv" --as-of 2026-04-01T00:00:00Z
echo
if [ "$map_misses" -gt 0 ]; then
  echo "reading through a mapping: over 1.2x the own format's reader in $map_misses run(s)"
fi
if [ "$report_misses" -gt 0 ]; then
  echo "report: over 1.5x the audit's own time in $report_misses run(s)"
fi
if [ "$misses" -eq 0 ]; then
  echo "targets met: audit <= 1.5x the floor that writes as much, peak RSS < 50 MB (< 200 MB with events)"
else
  echo "targets missed by $misses run(s) (audit <= 1.5x the floor that writes as much, peak RSS < 50 MB, < 200 MB with events)"
fi
