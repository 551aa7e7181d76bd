#!/usr/bin/env bash
# Writes src/main/resources/META-INF/quarkus-preload-classes.txt: the classes a first invocation still loads after
# the SnapStart priming, which runtime/SnapStartPriming then loads before the snapshot too. On the test bed, every
# function is started once with the priming run during init and the JVM's class-loading log on; what each one loads
# from the end of its priming to the end of its first invocation is listed, every function's together. Classes the
# JVM makes as it runs (lambdas, method-handle forms, proxies) have no name to load by, and are left out, as are
# Quarkus' console classes, which it loads at the end of its own start, before any snapshot, and ArC's client proxies,
# which its build generates and names. Run it after a change to what the functions do on their first invocation, and
# commit the list; InvocationClassListTest fails while an entry does not load. About 10 minutes on 2 cores.
#   bench/first-invocation-classes.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$HOME/.pyenv/shims:$PATH"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
list=src/main/resources/META-INF/quarkus-preload-classes.txt

mvn -B -q -f bench/floor/pom.xml -DskipTests package
# The list is read when the priming runs, so the build measured must not hold the one being replaced.
: > "$list"
mvn -B -q -DskipTests package exec:java@bench -Dbench.sections=api,cold -Dbench.rounds=1 -Dbench.primed=all \
  -Dbench.printLogs=true "-Dbench.javaToolOptions=-Xlog:class+load=info:stdout:uptime" > "$log"
{
  echo "# What a first invocation still loaded after the SnapStart priming, every function's together; written by"
  echo "# bench/first-invocation-classes.sh, read by runtime/SnapStartPriming before the snapshot only."
  awk '/SnapStart priming:/ { primed = 1; next }
       primed && /^END RequestId/ { primed = 0 }
       primed && /^\[[0-9.]+s\] [^ ]+ source: / { print $2 }' "$log" \
    | grep -v -E '\$\$Lambda|LambdaForm\$|/0x|\$Proxy|^jdk\.proxy|^io\.quarkus\.dev\.|_ClientProxy$' | sort -u
} > "$list.new"
mv "$list.new" "$list"
echo "$(grep -c -v '^#' "$list") classes in $list"
