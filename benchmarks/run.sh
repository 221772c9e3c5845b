#!/usr/bin/env bash
# Builds the benchmarks and runs one bounded benchmark: benchmarks/run.sh NAME [--option value]...
# Every figure is printed as one key=value line. NAME is memory, memory-cost, memory-limit, open, calls, isolation, host, sessions,
# handoff, broadcast or redis-clients (these two start their own redis-server on a free loopback port). GraalJS runs with its JIT: the polyglot jars go on the module path and the matching Graal
# compiler on the upgrade module path (see pool-graal/README.md).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
java_home=${JSCTX_JAVA_HOME:-${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}}
java="$java_home/bin/java"
"$java" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])' || {
  echo "run.sh needs JDK 21+; set JSCTX_JAVA_HOME (tried $java_home)" >&2; exit 1; }

if [[ $# -eq 0 ]]; then
  echo "usage: run.sh memory|memory-cost|memory-limit|open|calls|isolation|host|sessions|chat-sessions|broadcast|redis-clients|handoff [--option value]...  (see BENCHMARKS.md)" >&2
  exit 2
fi

# The session benchmark holds one socket per session, twice (client and server) on loopback.
want_files=$(( ${SESSIONS_FILES:-25000} ))
if [[ $(ulimit -n) != unlimited && $(ulimit -n) -lt $want_files ]]; then
  ulimit -n "$want_files" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  echo "# open files limit: $(ulimit -n) (raise the hard limit with 'ulimit -Hn' as root if sessions fail to connect)"
fi

export JAVA_HOME="$java_home"
# JDK 23+ warns about the sun.misc.Unsafe use in GraalVM and Maven's libraries unless allowed; older JDKs lack the flag.
unsafe_opt=()
"$java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1 && unsafe_opt=(--sun-misc-unsafe-memory-access=allow)
maven_opts="${MAVEN_OPTS:-} ${unsafe_opt[*]}"
(cd "$root" && MAVEN_OPTS="$maven_opts" mvn -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime)
# chat-sessions starts the packaged chat app (chat-app/target/bin/chat).
if [[ $1 == chat-sessions ]]; then
  (cd "$root" && MAVEN_OPTS="$maven_opts" mvn -B -q -pl chat-app -am -DskipTests package)
fi

IFS=: read -r -a jars < "$here/target/classpath.txt" || true  # no trailing newline
module_path=() upgrade_path=() class_path=("$here/target/classes")
for jar in "${jars[@]}"; do
  case "$jar" in
    */org/graalvm/compiler/*) upgrade_path+=("$jar") ;;
    */org/graalvm/*.jar) module_path+=("$jar") ;;
    *.pom) ;;
    *) class_path+=("$jar") ;;
  esac
done
join() { local IFS=:; echo "$*"; }

jvm=(-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI
     --upgrade-module-path "$(join "${upgrade_path[@]}")"
     --module-path "$(join "${module_path[@]}")" --add-modules org.graalvm.polyglot
     --enable-native-access=ALL-UNNAMED,org.graalvm.truffle
     -Xmx4g)
# The sessions load generator measures another process's latencies: ZGC keeps its own pauses (G1's young pauses of
# 30-50 ms with 10,000 client sessions) out of them. Everything else measures heap in this JVM, with G1 as shipped.
if [[ $1 == sessions ]]; then jvm+=(-XX:+UseZGC); else jvm+=(-XX:+UseG1GC); fi
jvm+=("${unsafe_opt[@]}")
# As counter-app/src/main/bin/counter: compact object headers on JDK 25+ (product there), about 1.6 KB less per context.
feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release" 2>/dev/null || true)
[[ ${feature:-0} -ge 25 ]] && jvm+=(-XX:+UseCompactObjectHeaders)
# memory-limit shows the limit holding in a small heap, where an unbounded bomb would end the JVM.
[[ $1 == memory-limit ]] && jvm+=(-Xmx512m)
# Extra JVM flags for an experiment, for example BENCH_JVM_OPTS="-XX:-UseCompactObjectHeaders -XX:+UseZGC".
read -r -a extra_jvm <<< "${BENCH_JVM_OPTS:-}"
jvm+=("${extra_jvm[@]}")

echo "# $("$java" -version 2>&1 | head -1), $(nproc) cores, flags: ${jvm[*]//$HOME/\~}" | sed 's|--module-path [^ ]*|--module-path <polyglot jars>|; s|--upgrade-module-path [^ ]*|--upgrade-module-path <compiler jar>|'
# sessions starts the packaged counter app (counter-app/target/bin/counter, built above) in its own JVM, or with
# --server playground the packaged playground (playground-app/target/bin/playground); chat-sessions the chat.
exec "$java" "${jvm[@]}" -Djsctx.counter.home="$root/counter-app/target" -Djsctx.chat.home="$root/chat-app/target" \
    -Djsctx.playground.home="$root/playground-app/target" -cp "$(join "${class_path[@]}")" \
    dev.jsctx.bench.Main "$@"
