#!/usr/bin/env bash
# skewguard demo: a collector on this machine, then a real DJL (or TensorFlow Java) training run on imbalanced
# synthetic data with the agent attached (the rule fires, the collector stops the job early), then a balanced run
# (completes, no finding).
#
#   ./demo.sh                       builds what it needs (Maven), then runs; exit status 0 when all went as described
#
# Environment (not SKEWGUARD_*: those are the agent's options): DEMO_FRAMEWORK (djl or tensorflow, default djl),
# DEMO_ENGINE (DJL's engine: PyTorch or MXNet, default PyTorch), DEMO_PORT (default 0: a free port), DEMO_HTTP_PORT
# (the dashboard's port, default 0: a free one, printed), DEMO_KEEP_UP (seconds the collector and its dashboard stay up
# after the runs, default 5; "forever": until Ctrl-C), DEMO_SKIP_BUILD=1 (use what an earlier build left in */target).
set -euo pipefail
cd "$(dirname "$0")"

FRAMEWORK=${DEMO_FRAMEWORK:-djl}
ENGINE=${DEMO_ENGINE:-PyTorch}
PORT=${DEMO_PORT:-0}
HTTP_PORT=${DEMO_HTTP_PORT:-0}
KEEP_UP=${DEMO_KEEP_UP:-5}
[[ $KEEP_UP == forever || $KEEP_UP =~ ^[0-9]+$ ]] || { printf 'demo: DEMO_KEEP_UP must be a number of seconds or "forever", was "%s"\n' "$KEEP_UP" >&2; exit 2; }
WORK=target/demo
export DJL_OFFLINE=true   # DJL never reaches the network
export TF_CPP_MIN_LOG_LEVEL=2   # TensorFlow's oneDNN and CPU-feature notices
case $FRAMEWORK in
    djl) EXAMPLE=examples/djl MAIN=dev.skewguard.examples.djl.DjlTrainMain TITLE="DJL ($ENGINE)"
         EXAMPLE_OPTIONS=(--engine "$ENGINE") ;;
    tensorflow) EXAMPLE=examples/tensorflow MAIN=dev.skewguard.examples.tensorflow.TensorflowExample
         TITLE="TensorFlow Java (graph mode)" EXAMPLE_OPTIONS=(--samples 4000) ;;
    *) printf 'demo: DEMO_FRAMEWORK must be djl or tensorflow, was "%s"\n' "$FRAMEWORK" >&2; exit 2 ;;
esac

say() { printf '\n=== %s\n' "$*"; }
fail() { printf '\ndemo FAILED: %s\n' "$*" >&2; exit 1; }

if [[ "${DEMO_SKIP_BUILD:-}" != 1 ]]; then
    say "Building the collector, the agent and the $FRAMEWORK example (mvn package; the first build downloads jars)"
    mvn -B -q -pl "collector,agent,$EXAMPLE" -am package -DskipTests
fi
for f in collector/target/skewguard-collector.jar agent/target/skewguard-agent.jar "$EXAMPLE/target/classpath.txt"; do
    [[ -f $f ]] || fail "$f is missing: run without DEMO_SKIP_BUILD"
done
rm -rf "$WORK" && mkdir -p "$WORK/reports"
CLASSPATH_EXAMPLE="$EXAMPLE/target/classes:$(cat "$EXAMPLE/target/classpath.txt")"

say "Starting the collector (ClassImbalance rule, --action stop, loopback only)"
: > "$WORK/collector.log" # exists before tail opens it (the background redirect may come later)
java -jar collector/target/skewguard-collector.jar serve --bind 127.0.0.1 --port "$PORT" --action stop \
    --http-port "$HTTP_PORT" --report-dir "$WORK/reports" > "$WORK/collector.log" 2>&1 &
COLLECTOR_PID=$!
tail -n +1 -f "$WORK/collector.log" --pid "$COLLECTOR_PID" | sed -u 's/^/    [collector] /' &
TAIL_PID=$!
stop_collector() {
    kill "$COLLECTOR_PID" 2>/dev/null && wait "$COLLECTOR_PID" 2>/dev/null || true
    kill "$TAIL_PID" 2>/dev/null || true
}
trap stop_collector EXIT

ENDPOINT=""
for _ in $(seq 1 300); do
    ENDPOINT=$(sed -n 's/.*collector listening on \([0-9.]*:[0-9]*\).*/\1/p' "$WORK/collector.log" | head -n 1)
    [[ -n $ENDPOINT ]] && break
    kill -0 "$COLLECTOR_PID" 2>/dev/null || fail "the collector did not start (see $WORK/collector.log)"
    sleep 0.1
done
[[ -n $ENDPOINT ]] || fail "the collector did not start within 30 s"
DASHBOARD=$(sed -n 's/.*dashboard on \(http[^ ,)]*\).*/\1/p' "$WORK/collector.log" | head -n 1)
say "Dashboard: open $DASHBOARD in a browser to watch the runs"

train() { # job, more agent options, then the example's options; prints the run, returns its exit status
    local job=$1 agent_options=$2; shift 2
    local status=0
    java -javaagent:agent/target/skewguard-agent.jar="endpoint=$ENDPOINT,job=$job,on_stop=throw$agent_options" \
        -cp "$CLASSPATH_EXAMPLE" "$MAIN" "${EXAMPLE_OPTIONS[@]}" "$@" 2>&1 \
        | tee "$WORK/$job.log" | grep --line-buffered -v '^  label counts' | sed -u 's/^/    /' \
        || status=${PIPESTATUS[0]}
    return "$status"
}

say "Run 1: $TITLE on imbalanced data (class 3 is 2% of the samples), 200 epochs planned, agent attached"
status=0
train demo-imbalanced "" --classes 4 --minority-fraction 0.02 --epochs 200 || status=$?
epochs=$(grep -c '^epoch ' "$WORK/demo-imbalanced.log" || true)
[[ $status -ne 0 ]] || fail "the imbalanced run was not stopped (it completed all its epochs)"
grep -q 'skewguard stopped this job' "$WORK/demo-imbalanced.log" || fail "the imbalanced run ended, but not by the stop (exit status $status)"
lag=$(sed -n 's/.*the training thread stopped \([0-9]* batches and [0-9.]* ms\) after capturing the batch that decided.*/\1/p' "$WORK/demo-imbalanced.log" | head -n 1)
say "Run 1 stopped early by the collector after $epochs of 200 epochs (exit status $status)${lag:+, $lag after the batch that decided}"

say "Run 2: $TITLE on balanced data, 3 epochs, agent attached (it waits at exit until its data is sent)"
train demo-balanced ",flush_timeout=60" --classes 4 --epochs 3 || fail "the balanced run failed"
sleep 1.5 # the collector rewrites its reports every second
report="$WORK/reports/demo-balanced.json"
[[ -f $report ]] || fail "the collector wrote no report for the balanced run"
grep -q '"triggered" : false' "$report" || fail "the rule fired on the balanced run: $(grep summary "$report")"
say "Run 2 completed with no finding: $(sed -n 's/.*"summary" : "\(.*\)".*/\1/p' "$report")"

if [[ $KEEP_UP == forever ]]; then
    say "The dashboard stays at $DASHBOARD until Ctrl-C (DEMO_KEEP_UP=forever)"
    wait "$COLLECTOR_PID" || true
elif [[ $KEEP_UP -gt 0 ]]; then
    say "The dashboard stays at $DASHBOARD for $KEEP_UP s more (DEMO_KEEP_UP=SECONDS or forever)"
    sleep "$KEEP_UP"
fi
say "Shutting the collector down; reports are in $WORK/reports"
stop_collector
trap - EXIT
echo "demo OK"
