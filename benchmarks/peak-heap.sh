#!/usr/bin/env bash
# The peak heap of large bodies (issue 9): for each body, the smallest -Xmx at which a fresh
# JVM reads and decodes it (40 s to 5 minutes on 2 cores, with the load). Its result goes to
# benchmarks/target/results/peak-heap.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl benchmarks -am package -DskipTests
out=benchmarks/target/results
mkdir -p "$out"
java -cp benchmarks/target/benchmarks.jar dev.apierrors.benchmarks.PeakHeap | tee "$out/peak-heap.txt"
