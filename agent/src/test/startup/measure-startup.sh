#!/usr/bin/env bash
# Start-up cost of the agent: a hello-world JVM with and without -javaagent:skewguard-agent.jar (nothing matched,
# no collector), run in alternating pairs so that machine noise hits both sides alike. Prints every pair and the
# median and mean of each side and of the difference.
#
#   agent/src/test/startup/measure-startup.sh [pairs (default 10)] [java (default: java on PATH)]
#
# Build the agent first: mvn -B -q -pl agent -am package -DskipTests
set -euo pipefail
pairs=${1:-10}
java=${2:-java}
here=$(cd "$(dirname "$0")" && pwd)
agent="$here/../../../target/skewguard-agent.jar"
[ -f "$agent" ] || { echo "no $agent: build the agent first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
javac -d "$work" "$here/HelloWorld.java"

ms() { # wall time of one run, in milliseconds
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null 2>&1
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

# one warm-up of each, not counted (page cache, CDS archive)
ms "$java" -cp "$work" HelloWorld > /dev/null
ms "$java" -javaagent:"$agent" -cp "$work" HelloWorld > /dev/null

without=(); with=()
for i in $(seq 1 "$pairs"); do
  a=$(ms "$java" -cp "$work" HelloWorld)
  b=$(ms "$java" -javaagent:"$agent" -cp "$work" HelloWorld)
  without+=("$a"); with+=("$b")
  echo "pair $i: without ${a} ms, with ${b} ms, difference $((b - a)) ms"
done

stats() { sort -n | awk '{v[NR]=$1; s+=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "median %d ms, mean %d ms", m, s/NR}'; }
diffs=(); for i in $(seq 0 $((pairs - 1))); do diffs+=($(( with[i] - without[i] ))); done
echo "without agent: $(printf '%s\n' "${without[@]}" | stats)"
echo "with agent:    $(printf '%s\n' "${with[@]}" | stats)"
echo "difference:    $(printf '%s\n' "${diffs[@]}" | stats)"
