#!/usr/bin/env bash
# Runs every skewguard benchmark and prints one table per measure; the tables are also written to
# bench/target/results/benchmarks.md (child process output: bench/target/results/logs/). See BENCHMARKS.md.
# About 45 minutes on a 2-core machine (most of it the training runs; the pinned training benchmark, run twice, about
# 25 of them). Nothing here is a test: a missed target is reported, never fails.
#
#   bench/run.sh               build what it needs (Maven, inside the reactor), then run everything
#   SKIP_BUILD=1 bench/run.sh  run against what is already built
#   PAIRS=7 STOP_TRIALS=200 FIRST_ACK_TRIALS=40 STARTUP_PAIRS=20 FIXED_CPU_PAIRS=11 bench/run.sh   more samples
#   DJL_EPOCHS=600 DL4J_EPOCHS=80 bench/run.sh              longer training runs
#   PINNED_PAIRS=7 bench/run.sh                             more pairs in each pinned training run
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=bench/target/results
RESULTS=$OUT/benchmarks.md
JAR=bench/target/skewguard-benchmarks.jar
JAVA=${JAVA:-java}
export DJL_OFFLINE=true

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== building (bench, agent, collector, examples) =="
  mvn -B -q -DskipTests -pl bench,agent,collector,examples/plain,examples/djl,examples/dl4j,examples/xgboost -am package
fi
rm -rf "$OUT"
mkdir -p "$OUT/logs"
{
  echo "# skewguard benchmark results"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo),"
  echo "$("$JAVA" -version 2>&1 | head -1); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
} > "$RESULTS"
cat "$RESULTS"

run() { # name, main class, args...
  local name=$1; shift
  echo "== $name =="
  "$JAVA" -Dskewguard.repo="$ROOT" -cp "$JAR" "$@" 2>>"$OUT/logs/$name.err" \
    || echo "!! $name failed (exit $?): see $OUT/logs/$name.err" | tee -a "$RESULTS"
}

echo "== hot path (JMH) =="
"$JAVA" -jar "$JAR" 'dev.skewguard.bench.CaptureBenchmark' -f 1 -wi 3 -w 300ms -i 10 -r 200ms \
  -rf json -rff "$OUT/capture.json" > "$OUT/logs/capture-jmh.log" 2>&1 \
  && run hot-path dev.skewguard.bench.CaptureSummary "$OUT/capture.json" "$RESULTS" \
  || echo "!! hot path failed: see $OUT/logs/capture-jmh.log" | tee -a "$RESULTS"
echo "== sender: encoding one batch (JMH) =="
if "$JAVA" -jar "$JAR" 'dev.skewguard.bench.EncodeBenchmark' -f 1 -wi 3 -w 1s -i 5 -r 1s > "$OUT/logs/encode-jmh.log" 2>&1; then
  { echo "### Sender: encoding one batch of labels + predicted ids (JMH, ns per batch; not the training thread's cost)"
    echo; echo '```'; sed -n '/^Benchmark /,$p' "$OUT/logs/encode-jmh.log"; echo '```'; echo; } | tee -a "$RESULTS"
else
  echo "!! encode benchmark failed: see $OUT/logs/encode-jmh.log" | tee -a "$RESULTS"
fi
echo "== DJL: reading one batch on the training thread (JMH, PyTorch on the CPU) =="
if [ -f examples/djl/target/classpath.txt ] && "$JAVA" -cp "$JAR:$(cat examples/djl/target/classpath.txt)" \
    org.openjdk.jmh.Main 'dev.skewguard.bench.DjlReadBenchmark' -f 1 -wi 3 -w 1s -i 5 -r 1s \
    > "$OUT/logs/djl-read-jmh.log" 2>&1; then
  { echo "### DJL: reading one batch on the training thread (JMH, ns per batch; PyTorch on the CPU, float ids (B) and"
    echo "scores (B, C); load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
    echo; echo '```'; sed -n '/^Benchmark /,$p' "$OUT/logs/djl-read-jmh.log"; echo '```'; echo; } | tee -a "$RESULTS"
else
  echo "!! DJL read benchmark failed: see $OUT/logs/djl-read-jmh.log" | tee -a "$RESULTS"
fi
run time-to-stop dev.skewguard.bench.TimeToStopBench "$RESULTS" "${STOP_TRIALS:-100}"
run promptness dev.skewguard.bench.PromptnessBench "$RESULTS" "${PROMPTNESS_RUNS:-5}"
run fixed-cpu dev.skewguard.bench.FixedCpuBench "$RESULTS" "${FIXED_CPU_PAIRS:-7}"
run first-ack dev.skewguard.bench.TimeToFirstAckBench "$RESULTS" "${FIRST_ACK_TRIALS:-20}"
run startup dev.skewguard.bench.StartupBench "$RESULTS" "${STARTUP_PAIRS:-10}"
run memory dev.skewguard.bench.MemoryBench "$RESULTS" "${WORKERS:-256}"
run footprint dev.skewguard.bench.FootprintBench "$RESULTS"
run training dev.skewguard.bench.TrainingOverheadBench "$RESULTS" "${PAIRS:-5}" "${DJL_EPOCHS:-300}" \
  "${DL4J_EPOCHS:-40}"
# Issue 27's targets 2 and 4 (the training's thread pools pinned to one thread), twice: target 4 asks for two runs
# that agree.
for n in 1 2; do
  run "pinned-training-$n" dev.skewguard.bench.PinnedTrainingBench "$RESULTS" "${PINNED_PAIRS:-5}" \
    "${DJL_EPOCHS:-300}" "${DL4J_EPOCHS:-40}" "run $n"
done
# Last: the ingest benchmarks drive the load average above 20 (64 connections in four agent processes), and it takes
# minutes to decay; the latency and training tables above would measure it.
run ingest dev.skewguard.bench.IngestBench "$RESULTS" "${INGEST_SECONDS:-2}"
run ingest-processes dev.skewguard.bench.IngestProcessesBench "$RESULTS" "${INGEST_SECONDS:-2}"

echo "== all tables: $RESULTS =="
