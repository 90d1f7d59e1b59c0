# Sourced by start and stop: an S3-compatible server (S3Proxy, its filesystem backend) on 127.0.0.1 beside
# the broker and the cluster, from the jar the jobs build copies (jobs/target/embedded/s3proxy.jar), with
# signed requests under a key made for this state directory. A bucket is a folder under $RUN_DIR/s3/data,
# an object a plain file in it; the bucket "episodes" is made at start. Clients reach it through the
# project's one-request-at-a-time front (S3Front.java, a process of its own, as LocalS3 does in the demo
# and the tests): S3Proxy's conditional PUT is a check then a write, so racing commits could both win.

s3_dir() {
  echo "$RUN_DIR/s3"
}

# The port clients use: the front's.
s3_port() {
  cat "$(s3_dir)/front.port"
}

# S3Proxy's own port, behind the front.
s3_backend_port() {
  sed -n 's|^s3proxy.endpoint=http://127.0.0.1:\([0-9]*\)$|\1|p' "$(s3_dir)/s3proxy.properties"
}

s3_needs_config() {
  [[ ! -f "$(s3_dir)/s3proxy.properties" || ! -f "$(s3_dir)/front.port" ]]
}

s3_jar() {
  local jar="${EPISODES_S3PROXY_JAR:-$REPO/jobs/target/embedded/s3proxy.jar}"
  [[ -f "$jar" ]] || die "no S3Proxy jar at $jar (build it: mvn -B -pl jobs -am -DskipTests package)"
  echo "$jar"
}

write_s3_config() {
  local dir identity credential
  dir="$(s3_dir)"
  mkdir -p "$dir/data/episodes"
  free_port
  echo "$PORT" >"$dir/front.port"
  free_port
  identity="local$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  credential="$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  (umask 077 && cat >"$dir/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$identity
s3proxy.credential=$credential
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$dir/data
jclouds.identity=local
jclouds.credential=local
PROPS
  )
  cat >"$dir/logback.xml" <<'XML'
<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} %msg%n</pattern></encoder>
  </appender>
  <logger name="org.gaul.s3proxy.Main" level="INFO"/>
  <root level="WARN"><appender-ref ref="OUT"/></root>
</configuration>
XML
}

s3_key() {
  sed -n "s/^s3proxy.$1=//p" "$(s3_dir)/s3proxy.properties"
}

launch_s3() {
  local dir jar classes front_jar
  dir="$(s3_dir)"
  classes="$(s3_front_classes)"
  front_jar="$(s3_front_jar)"
  if running s3; then
    say "S3 server already running (pid $(cat "$(pid_file s3)"))"
  else
    port_open "$(s3_backend_port)" && die "port $(s3_backend_port) of the S3 server in $dir is taken by another process"
    jar="$(s3_jar)"
    say "Starting an S3 server (S3Proxy) on 127.0.0.1:$(s3_port)..."
    launch s3 "$dir/s3proxy.log" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
      -Dlogback.configurationFile="$dir/logback.xml" -jar "$jar" --properties "$dir/s3proxy.properties"
  fi
  running s3front && return
  port_open "$(s3_port)" && die "port $(s3_port) of the S3 server's front in $dir is taken by another process"
  launch s3front "$dir/front.log" -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -cp "$classes:$front_jar" dev.episodes.storage.embedded.S3Front "$(s3_port)" "$(s3_backend_port)"
}

# The CLI jar, which holds the front (OneRequestAtATime).
s3_front_jar() {
  local jar="$REPO/jobs/target/episodes.jar"
  [[ -f "$jar" ]] || die "no CLI jar at $jar (build it: mvn -B -pl jobs -am -DskipTests package)"
  echo "$jar"
}

# S3Front.java, compiled once under deploy/local/target.
s3_front_classes() {
  local classes="$LOCAL_HOME/target/s3front-classes"
  if [[ ! -f "$classes/dev/episodes/storage/embedded/S3Front.class" || "$LOCAL_HOME/S3Front.java" -nt "$classes/dev/episodes/storage/embedded/S3Front.class" ]]; then
    command -v javac >/dev/null || die "javac is not on the PATH (a JDK 17 is needed)"
    local tmp="$classes.$$"
    mkdir -p "$tmp"
    javac -nowarn -d "$tmp" -cp "$(s3_front_jar)" "$LOCAL_HOME/S3Front.java" >&2 || die "compiling S3Front.java failed"
    rm -rf "$classes"
    mv "$tmp" "$classes" 2>/dev/null || rm -rf "$tmp"
  fi
  echo "$classes"
}

await_s3() {
  for _ in $(seq 1 300); do
    running s3 || fail_with_log s3 "$(s3_dir)/s3proxy.log" "the S3 server exited"
    running s3front || fail_with_log s3front "$(s3_dir)/front.log" "the S3 server's front exited"
    port_open "$(s3_backend_port)" && port_open "$(s3_port)" && return
    sleep 0.2
  done
  fail_with_log s3 "$(s3_dir)/s3proxy.log" "the S3 server is not up after 60 s"
}

# The Flink settings that reach this server, as -D flags of ./episodes and of the cluster jobs. Directory
# markers are kept: S3A's clean-up of fake parent folders (a multi-object delete) hangs against S3Proxy.
s3_flags() {
  printf -- '-D s3.endpoint=http://127.0.0.1:%s -D s3.path.style.access=true -D s3.access-key=%s -D s3.secret-key=%s -D fs.s3a.directory.marker.retention=keep' \
    "$(s3_port)" "$(s3_key identity)" "$(s3_key credential)"
}

# The cluster reaches the server too: its config.yaml gets the same keys (once) and its processes Flink's
# S3 file system plugin (FLINK_PLUGINS_DIR: the folder the jobs build fills).
s3_cluster_config() {
  local conf
  conf="$(cluster_conf)/config.yaml"
  grep -q '^s3.endpoint:' "$conf" && return
  cat >>"$conf" <<YAML
# The local S3 server (start --s3).
s3.endpoint: http://127.0.0.1:$(s3_port)
s3.path.style.access: true
s3.access-key: $(s3_key identity)
s3.secret-key: $(s3_key credential)
fs.s3a.directory.marker.retention: keep
YAML
  [[ -d "$REPO/jobs/target/plugins/s3-fs-hadoop" ]] \
    || die "no S3 file system plugin in $REPO/jobs/target/plugins (build it: mvn -B -pl jobs -am -DskipTests package)"
}
