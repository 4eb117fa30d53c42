#!/usr/bin/env bash
# Fuzzes one Jazzer @FuzzTest target for a given time, then adds the inputs it found to the
# target's corpus in the repo (which a plain `mvn verify` replays).
#
#   impl/fuzz.sh <TestClass#method> <seconds> [libFuzzer flag ...]
#   impl/fuzz.sh WireFuzzTest#capsuleParser 120
#   impl/fuzz.sh WireFuzzTest#capsuleParser 720 -max_len=512   # shorter inputs, more executions
#
# Crashing inputs land directly in src/test/resources/<package>/<TestClass>Inputs/<method>/
# (Jazzer's artifact prefix); the working corpus grows in impl/.cifuzz-corpus/ (not committed).
# libFuzzer's statistics, including the final "#N DONE" line with the execution count, are
# printed at the end and kept in impl/target/fuzz-<TestClass>-<method>.log.
# Single-threaded: one libFuzzer process in one forked test JVM.
set -euo pipefail
if [[ $# -lt 2 || "$1" != *#* ]]; then
  echo "usage: $0 <TestClass#method> <seconds> [libFuzzer flag ...]" >&2
  exit 2
fi
target="$1" seconds="$2"
shift 2
extra=()
n=3
for flag in "$@"; do
  extra+=("-Djazzer.internal.arg.$n=$flag")
  n=$((n + 1))
done
class="${target%%#*}" method="${target##*#}"
impl="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$impl")"
source_file="$(find "$impl/src/test/java" -name "$class.java" | head -1)"
if [[ -z "$source_file" ]]; then
  echo "no test class $class under impl/src/test/java" >&2
  exit 2
fi
package_path="$(dirname "${source_file#"$impl/src/test/java/"}")"
fqcn="${package_path//\//.}.$class"
corpus="$impl/src/test/resources/$package_path/${class}Inputs/$method"
generated="$impl/.cifuzz-corpus/$fqcn/$method"
log="$impl/target/fuzz-$class-$method.log"
mkdir -p "$corpus" "$impl/target"

# Jazzer JUnit reads extra libFuzzer arguments from jazzer.internal.arg.N; arg.0 stands for argv[0]
# and is dropped, and these arguments come after the @FuzzTest's maxDuration, so they win.
cd "$root"
set +e
JAZZER_FUZZ=1 mvn -B -o -pl impl -am test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
  -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="-max_total_time=$seconds" \
  -Djazzer.internal.arg.2=-print_final_stats=1 "${extra[@]}" >"$log" 2>&1
status=$?
set -e
grep -E '^#[0-9]+[[:space:]]+DONE|^Done [0-9]+ runs|stat::number_of_executed_units|^== Java Exception|crash-' "$log" || true

# Keep the campaign's largest inputs that the repo corpus lacks, up to FUZZ_CORPUS_MAX (default 25)
# files besides the crash reproducers: mvn verify replays every file, at roughly 0.1 s each.
max="${FUZZ_CORPUS_MAX:-25}"
added=0
if [[ -d "$generated" ]]; then
  while read -r f; do
    kept=$(find "$corpus" -type f ! -name 'crash-*' | wc -l)
    (( kept < max )) || break
    if [[ ! -e "$corpus/$(basename "$f")" ]]; then
      cp "$f" "$corpus/"
      added=$((added + 1))
    fi
  done < <(find "$generated" -type f -printf '%s %p\n' | sort -rn | cut -d' ' -f2-)
fi
echo "corpus $corpus: $(find "$corpus" -type f | wc -l) files ($added new); log $log"
exit $status
