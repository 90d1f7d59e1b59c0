# Sourced by start: a Flink standalone session cluster on 127.0.0.1, one JobManager and one TaskManager
# JVM, from Maven's Flink jars (what a distribution's lib/ holds; flink-dist is not on Maven Central).
# Memory settings are derived the way Flink's own jobmanager.sh and taskmanager.sh derive them.

cluster_conf() {
  echo "$RUN_DIR/flink/conf"
}

rest_port() {
  sed -n 's/^rest.port: \([0-9]*\)$/\1/p' "$(cluster_conf)/config.yaml"
}

write_cluster_config() {
  local conf dir="$RUN_DIR/flink" slots="$1" rpc rest blob
  conf="$(cluster_conf)"
  free_port; rpc=$PORT
  free_port; rest=$PORT
  free_port; blob=$PORT
  mkdir -p "$conf" "$dir/log" "$dir/tmp" "$dir/jars" "$dir/checkpoints" "$dir/savepoints"
  cat >"$conf/config.yaml" <<YAML
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $rpc
jobmanager.bind-host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
taskmanager.host: 127.0.0.1
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $rest
blob.server.port: $blob
jobmanager.memory.process.size: 1024m
taskmanager.memory.process.size: 1280m
# State lives on the heap (hashmap backend): little managed memory, more task heap.
taskmanager.memory.managed.fraction: 0.1
taskmanager.numberOfTaskSlots: $slots
# Batch jobs (nightly, Kafka replays) read blocking partitions with the sort shuffle; its default of
# 512 network buffers per reader does not fit a TaskManager this small.
taskmanager.network.sort-shuffle.min-buffers: 64
parallelism.default: 1
# Without it a TaskManager that starts before the JobManager waits 10 s more to register.
cluster.registration.error-delay: 1 s
state.backend.type: hashmap
execution.checkpointing.dir: file://$dir/checkpoints
execution.checkpointing.savepoint-dir: file://$dir/savepoints
execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
io.tmp.dirs: $dir/tmp
web.upload.dir: $dir/jars
web.tmpdir: $dir/tmp
YAML
  cat >"$conf/log4j.properties" <<'PROPS'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = MainAppender
appender.main.name = MainAppender
appender.main.type = File
appender.main.fileName = ${sys:log.file}
appender.main.append = true
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
logger.kafka.name = org.apache.kafka
logger.kafka.level = WARN
PROPS
}

# The Prometheus reporter (flink-metrics-prometheus, on the cluster's classpath): each process serves its
# metrics on http://127.0.0.1:PORT/metrics, the JobManager's and the TaskManager's ports chosen once (kept
# in conf/prometheus.ports) and passed to each as -D metrics.reporter.prom.port, so neither takes the
# other's; config.yaml lists both for a process started by hand. A state directory made before the
# reporter gets it at its next start.
prometheus_ports() {
  echo "$(cluster_conf)/prometheus.ports"
}

prometheus_port() {
  sed -n "s/^$1 \([0-9]*\)$/\1/p" "$(prometheus_ports)"
}

metrics_cluster_config() {
  local conf jm tm
  conf="$(cluster_conf)/config.yaml"
  grep -q '^metrics.reporter.prom.factory.class:' "$conf" && [[ -s "$(prometheus_ports)" ]] && return
  free_port; jm=$PORT
  free_port; tm=$PORT
  printf 'JM %s\nTM %s\n' "$jm" "$tm" >"$(prometheus_ports)"
  sed -i '/^metrics\.reporter\.prom\./d; /^# Prometheus reporter/d' "$conf"
  cat >>"$conf" <<YAML
# Prometheus reporter: /metrics of the JobManager on $jm, of the TaskManager on $tm (-D per process).
metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
metrics.reporter.prom.port: $jm,$tm
YAML
}

# Writes conf/KIND.params: the JVM flags (first line) and -D options (second line) Flink derives from
# config.yaml for a process of this kind, as its own scripts do. Kept until config.yaml changes.
derive_params() {
  local kind="$1" cp out file
  file="$(cluster_conf)/$kind.params"
  [[ -s "$file" && "$file" -nt "$(cluster_conf)/config.yaml" ]] && return
  cp="$(classpath flink)"
  out="$(java "${TOOL_JAVA_OPTS[@]}" -cp "$cp" org.apache.flink.runtime.util.bash.BashJavaUtils \
    "GET_${kind}_RESOURCE_PARAMS" --configDir "$(cluster_conf)" 2>&1)" \
    || { say "$out"; die "Flink could not derive the $kind memory settings"; }
  grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$out" | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://' >"$file"
}

# launch_flink NAME MAIN_CLASS KIND: one Flink process with its derived memory settings.
launch_flink() {
  local name="$1" main="$2" kind="$3" cp jvm dynamic log="$RUN_DIR/flink/log/$1"
  if running "$name"; then
    say "Flink $name already running (pid $(cat "$(pid_file "$name")"))"
    return
  fi
  cp="$(classpath flink)"
  derive_params "$kind"
  jvm="$(sed -n 1p "$(cluster_conf)/$kind.params")"
  dynamic="$(sed -n 2p "$(cluster_conf)/$kind.params")"
  # shellcheck disable=SC2086 # the derived flags are words by design
  launch "$name" "$log.out" $jvm "${FLINK_JAVA_OPTS[@]}" -XX:+UseParallelGC -Dlog.file="$log.log" \
    -Dlog4j.configurationFile="file:$(cluster_conf)/log4j.properties" -cp "$cp" "$main" \
    --configDir "$(cluster_conf)" $dynamic -D "metrics.reporter.prom.port=$(prometheus_port "$kind")"
}

cluster_needs_config() {
  [[ ! -f "$(cluster_conf)/config.yaml" ]]
}

launch_cluster() {
  if ! running jobmanager && port_open "$(rest_port)"; then
    die "REST port $(rest_port) of the cluster in $RUN_DIR/flink is taken by another process"
  fi
  if ! running jobmanager && port_open "$(prometheus_port JM)"; then
    die "metrics port $(prometheus_port JM) of the JobManager in $RUN_DIR/flink is taken by another process"
  fi
  if ! running taskmanager && port_open "$(prometheus_port TM)"; then
    die "metrics port $(prometheus_port TM) of the TaskManager in $RUN_DIR/flink is taken by another process"
  fi
  say "Starting a Flink session cluster (REST on 127.0.0.1:$(rest_port))..."
  launch_flink jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint JM
  launch_flink taskmanager org.apache.flink.runtime.taskexecutor.TaskManagerRunner TM
}

await_cluster() {
  local log="$RUN_DIR/flink/log"
  running jobmanager || fail_with_log jobmanager "$log/jobmanager.log" "the JobManager exited"
  running taskmanager || fail_with_log taskmanager "$log/taskmanager.log" "the TaskManager exited"
  flink_rest ready "http://127.0.0.1:$(rest_port)" 90 || {
    running jobmanager || fail_with_log jobmanager "$log/jobmanager.log" "the JobManager exited"
    fail_with_log taskmanager "$log/taskmanager.log" "the cluster did not become ready"
  }
}
