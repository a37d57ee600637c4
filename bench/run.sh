#!/usr/bin/env bash
# Runs every Sharebridge benchmark and prints a table of figures and ratios (about 8 minutes).
#   bench/run.sh                  everything: JMH hot paths, then open, download, flood, folder, startup
#   bench/run.sh open flood       only the named ones (jmh open download flood folder startup)
#   bench/run.sh dav              WebDAV: PROPFIND Depth 1 of 10,000 files (times, server heap while a slow
#                                 client reads), GET of the big file vs the REST and share downloads
#                                 (about 45 s; never by default: it would add a fifth to the default run)
#   bench/run.sh events           room-event latency across two instances (needs PostgreSQL; never by default)
#   bench/run.sh budgets          cost per failed verify with the budgets in PostgreSQL vs in memory (needs PostgreSQL; never by default)
#   bench/run.sh caches           [cache] shares_ms 0/100/1000 with two instances: busy-link opens, revocation
#                                 latency across instances (needs PostgreSQL; never by default)
# Environment: BENCH_ROUNDS (3), BENCH_SECONDS (5 per wrk run), BENCH_CONNECTIONS (32), BENCH_CROWD (256, the second open figure),
# BENCH_BIG_MIB (1024), BENCH_DAV_ROUNDS (5 GET rounds), BENCH_DAV_LARGE (0; e.g. 100000: a second
# PROPFIND folder of that many files), BENCH_SKIP_BUILD=1 to reuse the last build, BENCH_JAVA=/path/to/java to run
# the benchmark servers on another JVM (e.g. Java 21+, where requests run on virtual threads).
# All load goes to 127.0.0.1; every run is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -f bench/target/classpath.txt ]]; then
  echo "building (mvn -B -q -DskipTests package) ..."
  mvn -B -q -DskipTests package \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
      -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi

if ! command -v wrk >/dev/null 2>&1; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "installing wrk (Debian package) ..."
    apt-get install -y -q wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
  else
    echo "wrk is missing: install it (e.g. sudo apt-get install wrk) and run again" >&2
    exit 2
  fi
fi
command -v curl >/dev/null 2>&1 || { echo "curl is missing" >&2; exit 2; }

CP="bench/target/classes:$(cat bench/target/classpath.txt)"
ALL=(jmh open download flood folder startup)
WHICH=("$@")
[[ ${#WHICH[@]} -eq 0 ]] && WHICH=("${ALL[@]}")

wants() { local w; for w in "${WHICH[@]}"; do [[ "$w" == "$1" ]] && return 0; done; return 1; }

if wants jmh; then
  echo "[0] JMH: the open path in process (lookup, counted access, whole use case), ops/s"
  timeout 300 java -cp "$CP" org.openjdk.jmh.Main OpenPathBenchmark -foe true -rf text -rff bench/target/jmh.txt \
      | grep -E '^(Benchmark|OpenPath)' || true
fi

REST=()
for w in "${WHICH[@]}"; do [[ "$w" != jmh ]] && REST+=("$w"); done
if [[ ${#REST[@]} -gt 0 ]]; then
  timeout 900 java -Dsharebridge.log.level=WARN ${BENCH_JAVA:+-Dbench.java="$BENCH_JAVA"} -Dbench.rounds="${BENCH_ROUNDS:-3}" -Dbench.seconds="${BENCH_SECONDS:-5}" \
      -Dbench.connections="${BENCH_CONNECTIONS:-32}" -Dbench.crowd="${BENCH_CROWD:-256}" -Dbench.bigMiB="${BENCH_BIG_MIB:-1024}" \
      -Dbench.davRounds="${BENCH_DAV_ROUNDS:-5}" -Dbench.davLarge="${BENCH_DAV_LARGE:-0}" \
      -cp "$CP" dev.sharebridge.bench.Bench "${REST[@]}"
fi
