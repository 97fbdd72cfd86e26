#!/usr/bin/env bash
# Runs every benchmark with short, honest JMH settings (about 9 minutes on 2 cores), then
# the storm cold (one storm in each of 3 fresh JVMs, 15 seconds): under 10 minutes in all.
# Results (text, JSON, and the tables of BENCHMARKS.md in table.md) go to
# benchmarks/target/results/. Extra JMH options are passed on to the first run.
# The peak heap of large bodies (forked JVMs, 40 s to 5 minutes more) is benchmarks/peak-heap.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/results
mkdir -p "$out"
java -jar "$jar" -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -rff "$out/warm.json" "$@" | tee "$out/warm.txt"
java -jar "$jar" 'StormBenchmark.(sdkAsync|naiveReenqueue)' -f 3 -wi 0 -i 1 -rf json -rff "$out/cold.json" \
  | tee "$out/cold.txt"
python3 benchmarks/table.py "$out/warm.json" | tee "$out/table.md"
