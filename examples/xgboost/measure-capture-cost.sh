#!/usr/bin/env bash
# What the XGBoost4J capture costs the training thread: runs examples/xgboost without the agent, with the agent
# but its xgboost instrumentation off, capturing every round, and every 10th round (xgboost_every=10), and prints
# the lowest training-thread CPU time of each (CPU time: steady on a busy machine, unlike wall time).
# No collector is needed: the agent captures as usual and its sender keeps retrying a closed port.
# Build first: mvn -B -q -pl agent,examples/xgboost -am package -DskipTests
# Usage: examples/xgboost/measure-capture-cost.sh [repetitions] [example options...]
set -euo pipefail
cd "$(dirname "$0")/../.."
reps=${1:-3}
shift || true
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--samples 20000 --rounds 100)
cp="examples/xgboost/target/classes:$(cat examples/xgboost/target/classpath.txt)"
agent=agent/target/skewguard-agent.jar
main=dev.skewguard.examples.xgboost.XgboostExample

cpu_ms() { # prints the training-thread CPU milliseconds of one run
  java "$@" -cp "$cp" "$main" "${args[@]}" 2>&1 >/dev/null | sed -n 's/^time: training [0-9]* ms, \([0-9]*\) ms CPU.*/\1/p'
}

echo "examples/xgboost ${args[*]}: lowest training-thread CPU of $reps runs"
for mode in "no agent" "agent, xgboost=false" "agent, every round" "agent, xgboost_every=10"; do
  case $mode in
    "no agent") jvm=() ;;
    "agent, xgboost=false") jvm=("-javaagent:$agent=endpoint=127.0.0.1:1,xgboost=false") ;;
    "agent, every round") jvm=("-javaagent:$agent=endpoint=127.0.0.1:1") ;;
    "agent, xgboost_every=10") jvm=("-javaagent:$agent=endpoint=127.0.0.1:1" "-Dskewguard.xgboost_every=10") ;;
  esac
  best=
  for _ in $(seq "$reps"); do
    ms=$(cpu_ms "${jvm[@]}")
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  printf '%-26s %6s ms\n' "$mode" "$best"
done
