#!/usr/bin/env bash
# examples/spark-xgboost in Spark's local mode (local[2]: two XGBoost workers, one Spark task each, in this JVM) with
# the agent attached, against a collector at $SKEWGUARD_ENDPOINT (default 127.0.0.1:4910). The job id is the Spark
# application id unless the agent options (AGENT_OPTIONS, appended after endpoint=...) say job=...
# Build first: mvn -B -q -pl agent,examples/spark-xgboost -am package -DskipTests
# Usage: examples/spark-xgboost/run-local.sh [example options...], e.g. --minority-fraction 0.02 --rounds 300
set -euo pipefail
cd "$(dirname "$0")/../.."
cp="examples/spark-xgboost/target/classes:$(cat examples/spark-xgboost/target/classpath.txt)"
mapfile -t jvm < examples/spark-xgboost/spark-jvm-options.txt
agent="-javaagent:$PWD/agent/target/skewguard-agent.jar=endpoint=${SKEWGUARD_ENDPOINT:-127.0.0.1:4910}${AGENT_OPTIONS:+,$AGENT_OPTIONS}"
SPARK_LOCAL_IP=127.0.0.1 exec java "${jvm[@]}" "$agent" -cp "$cp" dev.skewguard.examples.spark.SparkXgboostExample "$@"
