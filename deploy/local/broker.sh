# Sourced by start: a single-node KRaft Kafka broker (combined broker and controller) on 127.0.0.1, the
# same set-up as dev.episodes.broker.LocalKafka. Its data and ports survive stop; start resumes it.

broker_dir() {
  echo "$RUN_DIR/kafka"
}

broker_port() {
  sed -n 's/^advertised.listeners=PLAINTEXT:\/\/127.0.0.1:\([0-9]*\)$/\1/p' "$(broker_dir)/server.properties"
}

write_broker_config() {
  local dir broker controller
  dir="$(broker_dir)"
  free_port; broker=$PORT
  free_port; controller=$PORT
  mkdir -p "$dir"
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$broker,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$broker
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=2
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
transaction.max.timeout.ms=3600000
PROPS
  # Warnings only, and the line that says the broker is up.
  cat >"$dir/log4j2.properties" <<'PROPS'
rootLogger.level = WARN
rootLogger.appenderRef.out.ref = Out
appender.out.type = Console
appender.out.name = Out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %c - %m%n
logger.started.name = kafka.server.KafkaRaftServer
logger.started.level = INFO
PROPS
}

# A random cluster id: what StorageTool random-uuid prints (16 bytes, base64url, no padding), without
# starting a JVM for it. The last character holds 2 bits, so it is one of A, Q, g, w.
cluster_id() {
  local chars=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_ last=AQgw id=""
  for _ in $(seq 1 21); do
    id+="${chars:RANDOM % 64:1}"
  done
  echo "$id${last:RANDOM % 4:1}"
}

# New state: configuration (in this shell: it takes ports) and formatted storage (may run in background).
broker_needs_format() {
  [[ ! -f "$(broker_dir)/server.properties" ]]
}

format_broker() {
  local dir cp
  dir="$(broker_dir)"
  cp="$(classpath kafka)"
  java "${TOOL_JAVA_OPTS[@]}" -cp "$cp" -Dlog4j2.configurationFile="$dir/log4j2.properties" kafka.tools.StorageTool \
    format -t "$(cluster_id)" -c "$dir/server.properties" --ignore-formatted >>"$dir/broker.log" 2>&1 \
    || fail_with_log broker "$dir/broker.log" "formatting Kafka's storage failed"
}

# Starts the broker without waiting for it (await_broker waits).
launch_broker() {
  local dir cp
  dir="$(broker_dir)"
  BROKER_LOG_FROM=0
  if running broker; then
    say "Kafka broker already running (pid $(cat "$(pid_file broker)"))"
    return
  fi
  if port_open "$(broker_port)"; then
    die "port $(broker_port) of the broker in $dir is taken by another process"
  fi
  cp="$(classpath kafka)"
  say "Starting a Kafka broker on 127.0.0.1:$(broker_port)..."
  BROKER_LOG_FROM=$(wc -c <"$dir/broker.log" 2>/dev/null || echo 0) # a restart: only new lines count
  launch broker "$dir/broker.log" -Xmx512m -Xms128m -XX:+UseSerialGC \
    -Dlog4j2.configurationFile="$dir/log4j2.properties" -cp "$cp" kafka.Kafka "$dir/server.properties"
}

await_broker() {
  local dir
  dir="$(broker_dir)"
  for _ in $(seq 1 300); do
    running broker || fail_with_log broker "$dir/broker.log" "the Kafka broker exited"
    if tail -c +$((BROKER_LOG_FROM + 1)) "$dir/broker.log" 2>/dev/null | grep -q "Kafka Server started" \
        && port_open "$(broker_port)"; then
      return
    fi
    sleep 0.2
  done
  fail_with_log broker "$dir/broker.log" "the Kafka broker is not up after 60 s"
}
