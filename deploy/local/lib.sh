# Sourced by deploy/local's scripts: the state directory, classpaths, free ports and the processes.
# Every process started here carries -Depisodes.local.dir=<state dir> on its command line, so a stale pid
# file never makes a script signal somebody else's process.

LOCAL_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$LOCAL_HOME/../.." && pwd)"
RUN_DIR="${EPISODES_LOCAL_DIR:-$LOCAL_HOME/.run}"

die() {
  echo "error: $*" >&2
  exit 1
}

say() {
  echo "$*" >&2
}

# --dir DIR may come anywhere before the script's own arguments; sets RUN_DIR (absolute).
set_dir() {
  mkdir -p "$1" || die "cannot create the state directory $1"
  RUN_DIR="$(cd "$1" && pwd)"
}

require_java() {
  command -v java >/dev/null || die "java is not on the PATH (Java 17 is needed)"
}

# The classpath of one profile of deploy/local/pom.xml (flink or kafka), resolved once by Maven and kept
# under deploy/local/target until a pom changes. EPISODES_MVN_FLAGS (e.g. -o) is passed to Maven.
classpath() {
  local profile="$1" cache="$LOCAL_HOME/target/$1.classpath"
  if [[ ! -s "$cache" || "$LOCAL_HOME/pom.xml" -nt "$cache" || "$REPO/pom.xml" -nt "$cache" ]]; then
    command -v mvn >/dev/null || die "mvn is not on the PATH (Maven resolves the $profile classpath)"
    mkdir -p "$LOCAL_HOME/target"
    local tmp="$cache.$$"
    # shellcheck disable=SC2086
    if ! mvn -B -q ${EPISODES_MVN_FLAGS:-} -f "$LOCAL_HOME/pom.xml" -P "$profile" dependency:build-classpath \
        -Dmdep.outputFile="$tmp" >"$LOCAL_HOME/target/$profile.mvn.log" 2>&1; then
      rm -f "$tmp"
      die "resolving the $profile classpath failed; see $LOCAL_HOME/target/$profile.mvn.log"
    fi
    mv -f "$tmp" "$cache"
  fi
  cat "$cache"
}

# Sets PORT to a port nothing listens on, below the kernel's ephemeral range, not handed out before.
TAKEN_PORTS=" "
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 12000))
    if [[ "$TAKEN_PORTS" != *" $p "* ]] && ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      TAKEN_PORTS+="$p "
      PORT=$p
      return
    fi
  done
  die "found no free port on 127.0.0.1"
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pid_file() {
  echo "$RUN_DIR/$1.pid"
}

# True when NAME's recorded process is alive and is ours.
running() {
  local f pid
  f="$(pid_file "$1")"
  [[ -f "$f" ]] || return 1
  pid="$(cat "$f")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && command_line "$pid" | grep -q -- "-Depisodes.local.dir=$RUN_DIR "
}

command_line() {
  if [[ -r "/proc/$1/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$1/cmdline"
  else
    ps -o args= -p "$1" 2>/dev/null # no /proc (macOS)
  fi
}

# launch NAME LOG java-args...: starts java in the background, detached from this shell's output.
launch() {
  local name="$1" log="$2"
  shift 2
  mkdir -p "$(dirname "$log")"
  nohup java -Depisodes.local.dir="$RUN_DIR" "$@" >>"$log" 2>&1 </dev/null &
  echo $! >"$(pid_file "$name")"
}

# Stops NAME (TERM, then KILL after 30 s); quiet when it is not running.
stop_process() {
  local name="$1" pid
  if ! running "$name"; then
    rm -f "$(pid_file "$name")"
    return 0
  fi
  pid="$(cat "$(pid_file "$name")")"
  say "Stopping $name (pid $pid)..."
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name did not stop within 30 s; killing it"
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$(pid_file "$name")"
}

# fail_with_log NAME LOG MESSAGE: a start failed; show why.
fail_with_log() {
  say "---- last lines of $2 ----"
  tail -n 30 "$2" >&2 || true
  die "$3"
}

# The endpoints of a started set-up: BOOTSTRAP and REST, as shell assignments.
endpoints_file() {
  echo "$RUN_DIR/endpoints"
}

load_endpoints() {
  [[ -f "$(endpoints_file)" ]] || die "nothing started in $RUN_DIR (run deploy/local/start first)"
  # shellcheck disable=SC1090
  source "$(endpoints_file)"
}

# Short-lived JVMs (tools, REST calls) start faster without the optimizing compiler.
TOOL_JAVA_OPTS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m)

# Runs FlinkRest (the REST calls) on the cluster's classpath; compiled once under deploy/local/target.
flink_rest() {
  local cp classes="$LOCAL_HOME/target/rest-classes"
  cp="$(classpath flink)"
  if [[ ! -f "$classes/FlinkRest.class" || "$LOCAL_HOME/FlinkRest.java" -nt "$classes/FlinkRest.class" ]]; then
    command -v javac >/dev/null || die "javac is not on the PATH (a JDK 17 is needed)"
    local tmp="$classes.$$"
    mkdir -p "$tmp"
    javac -nowarn -d "$tmp" -cp "$cp" "$LOCAL_HOME/FlinkRest.java" || die "compiling FlinkRest.java failed"
    rm -rf "$classes"
    mv "$tmp" "$classes" 2>/dev/null || rm -rf "$tmp" # another script compiled it meanwhile
  fi
  java "${TOOL_JAVA_OPTS[@]}" -cp "$classes:$cp" FlinkRest "$@"
}

# JVM options of Flink's own scripts on Java 17 (env.java.opts.all of the distribution's config.yaml).
FLINK_JAVA_OPTS=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)

# Prints the calling script's header comment: its help.
usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

# The jobs refuse to start without a pseudonym key (there is no built-in one). Prints the key file the job
# should get when its FLAGS name none: not when they hold --pseudonym-key-file, or a --config file with a
# pseudonym-key-file line, or when $EPISODES_PSEUDONYM_KEY is set (the cluster was started with it). That
# file is this state directory's own, made on first use: 32 random bytes, mode 0600, written under another
# name and moved into place; every later job (and a resume) gets the same one, so the same people keep
# the same pseudonyms. `stop --clean` removes it with the rest of the state.
default_key() {
  local arg prev=""
  for arg in "$@"; do
    case "$arg" in
      --pseudonym-key-file|--pseudonym-key-file=*) return 0 ;;
      --config=*) grep -Eq '^[[:space:]]*([^=:[:space:]]+\.)?pseudonym-key-file[[:space:]]*[=:]' "${arg#--config=}" 2>/dev/null && return 0 ;;
    esac
    if [[ "$prev" == "--config" ]] && grep -Eq '^[[:space:]]*([^=:[:space:]]+\.)?pseudonym-key-file[[:space:]]*[=:]' "$arg" 2>/dev/null; then
      return 0
    fi
    prev="$arg"
  done
  [[ -z "${EPISODES_PSEUDONYM_KEY:-}" ]] || return 0
  local key="$RUN_DIR/pseudonym.key"
  if [[ ! -s "$key" ]]; then
    mkdir -p "$RUN_DIR" || die "cannot create the state directory $RUN_DIR"
    (umask 077 && head -c 32 /dev/urandom >"$key.$$.tmp" && mv -f "$key.$$.tmp" "$key") \
      || { rm -f "$key.$$.tmp"; die "cannot write the pseudonym key $key"; }
    say "Made a pseudonym key for this cluster's jobs: $key (mode 0600; keep it secret: it links pseudonyms to people)"
  fi
  echo "$key"
}
