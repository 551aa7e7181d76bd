#!/usr/bin/env bash
# The benchmarks of BENCHMARKS.md, in one command: builds the deployable and the framework floor (bench/floor), then
# measures package size, API economy and cost, cold starts and throughput on the local test bed, then, on a test bed
# of its own, the time to table (tabletime: TopicOnboarded against the moment the table became ready, for readiness
# delays of 10, 60, 180 and 900 s, so at least 15 minutes), and writes target/bench/results.md; then the first call
# of each JDK HTTP client (bench/first-call.sh), appended to it. Not part of `mvn verify`. Takes about 45 minutes on 2
# cores and stops by itself (at the latest after BENCH_TIMEOUT, default 60m).
#   bench/run.sh                                   # 9 cold starts per function, 100 topics at 10 requests/s
#   bench/run.sh -Dbench.rounds=5 -Dbench.topics=50 -Dbench.rate=10
#   bench/run.sh -Dbench.sections=tabletime -Dbench.readiness=5,20 -Dbench.readinessTopics=2   # a short tabletime alone
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
# The test bed runs moto_server, installed under pyenv, whose shims a non-login shell may not have on PATH (.ci/run).
export PATH="$JAVA_HOME/bin:$HOME/.pyenv/shims:$PATH"

mvn -B -q -f bench/floor/pom.xml -DskipTests package
timeout --kill-after=30s "${BENCH_TIMEOUT:-60m}" \
  mvn -B -q -DskipTests package exec:java@bench "$@"
{ echo; echo "## HTTP client, first call"; echo; bench/first-call.sh; } >> target/bench/results.md
