#!/usr/bin/env bash
# What a cold function pays for its HTTP client's first call (BENCHMARKS.md, "HTTP client"): for each client of the
# JDK, fresh JVMs with Lambda's java21 flags each send two small POSTs to a local server, over HTTP and over TLS, and
# report the first call's milliseconds; medians of ROUNDS (default 7) runs, the clients alternating. Then the
# transport's client over TLS after what the SnapStart priming does first (FirstCall's third argument).
#   bench/first-call.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
rounds="${1:-7}"
work="$(mktemp -d)"
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

# A throwaway certificate for 127.0.0.1, trusted only by the probe JVMs.
"$JAVA_HOME/bin/keytool" -genkeypair -alias probe -keyalg EC -groupname secp256r1 -dname CN=localhost \
  -ext san=ip:127.0.0.1 -storetype PKCS12 -keystore "$work/server.p12" -storepass probe-only -validity 1 >/dev/null 2>&1
"$JAVA_HOME/bin/keytool" -exportcert -alias probe -keystore "$work/server.p12" -storepass probe-only -file "$work/probe.cer" >/dev/null 2>&1
"$JAVA_HOME/bin/keytool" -importcert -noprompt -alias probe -file "$work/probe.cer" -storetype PKCS12 \
  -keystore "$work/trust.p12" -storepass probe-only >/dev/null 2>&1
"$JAVA_HOME/bin/javac" --release 21 -d "$work" bench/first-call/*.java

"$JAVA_HOME/bin/java" -cp "$work" EchoServer "$work/server.p12" probe-only > "$work/ports" &
server=$!
for _ in $(seq 50); do [[ -s "$work/ports" ]] && break; sleep 0.1; done
read -r http_port https_port < "$work/ports"

# The flags Lambda's java21 runtime starts the JVM with (the test bed's launcher uses the same).
flags=(-XX:+UseSerialGC -Xshare:auto -XX:+TieredCompilation -XX:TieredStopAtLevel=1
       -Djavax.net.ssl.trustStore="$work/trust.p12" -Djavax.net.ssl.trustStorePassword=probe-only)
for round in $(seq "$rounds"); do
  for client in url-connection java-net-http; do
    "$JAVA_HOME/bin/java" "${flags[@]}" -cp "$work" FirstCall "$client" "http://127.0.0.1:$http_port/" | sed 's/^/http /'
    "$JAVA_HOME/bin/java" "${flags[@]}" -cp "$work" FirstCall "$client" "https://127.0.0.1:$https_port/" | sed 's/^/https /'
  done
  # What the SnapStart priming leaves of the transport's first TLS call: the TLS context, then also a ClientHello.
  for primed in context client-hello; do
    "$JAVA_HOME/bin/java" "${flags[@]}" -cp "$work" FirstCall url-connection "https://127.0.0.1:$https_port/" "$primed" | sed 's/^/https /'
  done
done > "$work/samples"

median() { # SCHEME CLIENT
  grep "^$1 $2 " "$work/samples" | awk '{print $3}' | sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'
}
echo "| client | first call over HTTP, median ms | over TLS, median ms | runs |"
echo "|---|---|---|---|"
for client in url-connection java-net-http; do
  echo "| $client | $(median http "$client") | $(median https "$client") | $rounds |"
done
echo "| url-connection, TLS context primed | – | $(median https url-connection+context) | $rounds |"
echo "| url-connection, TLS context and a ClientHello primed | – | $(median https url-connection+client-hello) | $rounds |"
