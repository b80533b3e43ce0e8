#!/usr/bin/env bash
# examples/spark-xgboost on a Spark standalone cluster on loopback: a Master and two Workers (one core each) started
# as plain java classes from the example's class path, each executor its own JVM with the agent attached through
# spark.executor.extraJavaOptions, the driver through -javaagent; the collector at $SKEWGUARD_ENDPOINT (default
# 127.0.0.1:4910). The Workers launch executors through SPARK_HOME: a temporary directory whose jars/ links the class
# path's jars. Everything binds to 127.0.0.1; the cluster is stopped when the script ends. SparkStandaloneIT does the
# same under test.
# Build first: mvn -B -q -pl agent,examples/spark-xgboost -am package -DskipTests
# Usage: examples/spark-xgboost/run-standalone.sh [example options...], e.g. --minority-fraction 0.02 --rounds 300
set -euo pipefail
cd "$(dirname "$0")/../.."
cp_file=examples/spark-xgboost/target/classpath.txt
cp="examples/spark-xgboost/target/classes:$(cat "$cp_file")"
mapfile -t jvm < examples/spark-xgboost/spark-jvm-options.txt
endpoint=${SKEWGUARD_ENDPOINT:-127.0.0.1:4910}
agent="-javaagent:$PWD/agent/target/skewguard-agent.jar=endpoint=$endpoint${AGENT_OPTIONS:+,$AGENT_OPTIONS}"
master_port=${SPARK_MASTER_PORT:-7177}
ui_port=${SPARK_MASTER_WEBUI_PORT:-8177}

home=$(mktemp -d -t skewguard-spark-home.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$home"
}
trap cleanup EXIT
mkdir -p "$home/jars"
tr ':' '\n' < "$cp_file" | grep '\.jar$' | while read -r jar; do ln -s "$jar" "$home/jars/"; done
touch "$home/RELEASE" # with SPARK_SCALA_VERSION: Spark takes the directory for an installed distribution
export SPARK_HOME=$home SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS=$home/local

java "${jvm[@]}" -Xmx256m -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master_port" \
  --webui-port "$ui_port" > "$home/master.log" 2>&1 &
pids+=($!)
for i in 1 2; do
  java "${jvm[@]}" -Xmx256m -cp "$cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 1g \
    --webui-port 0 --work-dir "$home/work-$i" "spark://127.0.0.1:$master_port" > "$home/worker-$i.log" 2>&1 &
  pids+=($!)
done
for _ in $(seq 120); do
  if curl -fsS "http://127.0.0.1:$ui_port/json/" 2>/dev/null | grep -q '"aliveworkers" *: *2'; then break; fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$ui_port/json/" | grep -q '"aliveworkers" *: *2' \
  || { echo "the Spark cluster did not start: see $home/*.log" >&2; tail -n 20 "$home"/*.log >&2; exit 1; }

java "${jvm[@]}" "$agent" \
  -Dspark.executor.extraJavaOptions="${jvm[*]} $agent" -Dspark.executor.cores=1 -Dspark.executor.memory=512m \
  -cp "$cp" dev.skewguard.examples.spark.SparkXgboostExample --master "spark://127.0.0.1:$master_port" "$@"
