#!/usr/bin/env bash
# Times `slaudit contracts check` on a generated contract with many vocabulary
# labels (default 200 000 priorities, about 6 MB): vocabulary insertion and
# lookup are hashed, so this takes well under a second in release.
#
#   bench/big_contract.sh            # 200 000 priorities
#   N=50000 bench/big_contract.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-200000}"
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet
mkdir -p bench/out
file="bench/out/big-contract-$N.toml"
{
    cat tests/bad_inputs/mini.toml
    for ((i = 0; i < N; i++)); do
        printf '\n[[priorities]]\nkey = "p%d"\n' "$i"
    done
} > "$file"
echo "$(wc -c < "$file") bytes, $N priorities"
start=$(date +%s%N)
"$target/release/slaudit" contracts check "$file"
end=$(date +%s%N)
echo "contracts check: $(( (end - start) / 1000000 )) ms"
