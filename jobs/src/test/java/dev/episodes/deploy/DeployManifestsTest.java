package dev.episodes.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.episodes.cli.ConfigFile;
import dev.episodes.cli.EpisodesCli;
import dev.episodes.cli.NightlyFlags;
import dev.episodes.cli.StreamFlags;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * deploy/k8s and deploy/cron say things the code must agree with: entry classes, their flags, the Flink
 * version, Flink's option keys, where the key, the configuration and the dataset are mounted, and where
 * the job jar is. Nothing here needs Kubernetes: the manifests are read as YAML and held against the code.
 */
class DeployManifestsTest {
    private static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private static final Path K8S = REPO.resolve("deploy/k8s");
    private static final String OUR_IMAGE = "/episodes-job";
    /** Not in kustomization.yaml on purpose (see its header). */
    private static final Set<String> NOT_APPLIED_BY_KUSTOMIZE = Set.of("secret.yaml", "flink-session-job-nightly.yaml",
            "podmonitor.yaml");

    private static final List<Manifest> MANIFESTS = new ArrayList<>();
    private static String flinkVersion;

    @TempDir
    Path tmp;

    record Manifest(String file, JsonNode doc) {
        String kind() {
            return doc.path("kind").asText();
        }

        String name() {
            return doc.path("metadata").path("name").asText();
        }
    }

    /** A job some manifest submits: its entry class and args, and the FlinkDeployment whose JobManager runs its main. */
    record Submission(String where, String entryClass, List<String> args, JsonNode cluster) {}

    @BeforeAll
    static void read() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode doc : yaml.readerFor(JsonNode.class).<JsonNode>readValues(f.toFile()).readAll()) {
                    MANIFESTS.add(new Manifest(f.getFileName().toString(), doc));
                }
            }
        }
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(REPO.resolve("pom.xml").toFile());
        flinkVersion = pom.getElementsByTagName("flink.version").item(0).getTextContent().trim();
    }

    @Test
    void everyManifestNamesItsKindAndTheOperatorsApi() {
        assertTrue(MANIFESTS.size() >= 7, "manifests read: " + MANIFESTS.size());
        for (Manifest m : MANIFESTS) {
            assertFalse(m.kind().isEmpty(), m.file() + ": no kind");
            if (!m.kind().equals("Kustomization")) {
                assertFalse(m.name().isEmpty(), m.file() + ": no metadata.name");
            }
            if (m.kind().startsWith("Flink")) {
                assertEquals("flink.apache.org/v1beta1", m.doc().path("apiVersion").asText(), m.file());
            }
        }
    }

    @Test
    void entryClassesExistAndHaveAMain() throws Exception {
        for (Submission s : submissions()) {
            Method main = Class.forName(s.entryClass()).getMethod("main", String[].class);
            assertTrue(Modifier.isStatic(main.getModifiers()) && Modifier.isPublic(main.getModifiers()), s.where());
        }
    }

    /** Parsed as the job's main parses them (picocli on the job class, --config first), then validated. */
    @Test
    void argsParseWithTheJobsOwnFlags() throws Exception {
        for (Submission s : submissions()) {
            Object flags = parse(s.entryClass(), s.args(), s.where());
            if (flags instanceof StreamFlags stream) {
                stream.kafka();
                stream.config(1);
            } else if (flags instanceof NightlyFlags nightly) {
                nightly.config(1);
                assertEquals(nightly.first(), nightly.last(), s.where() + ": a cluster job builds one day");
            } else {
                fail(s.where() + ": no check for " + flags.getClass());
            }
        }
    }

    @Test
    void theCronJobBuildsYesterdayWithNightlyJobOnceANight() {
        JsonNode cron = one("CronJob").doc().path("spec");
        assertEquals("Etc/UTC", cron.path("timeZone").asText(), "NightlyJob's yesterday is a UTC day");
        assertEquals("Forbid", cron.path("concurrencyPolicy").asText());
        Submission s = submissions().stream().filter(x -> x.where().startsWith("CronJob")).findFirst().orElseThrow();
        assertEquals("dev.episodes.jobs.NightlyJob", s.entryClass());
        for (String dayFlag : List.of("--date", "--from-date", "--to-date")) {
            assertFalse(s.args().contains(dayFlag), "the CronJob must leave the day to NightlyJob (yesterday): " + dayFlag);
        }
    }

    @Test
    void flinkVersionAndImagesFollowThePom() throws IOException {
        List<String> from = Files.readAllLines(K8S.resolve("Dockerfile")).stream().filter(l -> l.startsWith("FROM ")).toList();
        assertEquals(List.of("FROM flink:" + flinkVersion + "-java17"), from, "the Dockerfile's base image");
        String[] v = flinkVersion.split("\\.");
        Set<String> ours = new TreeSet<>();
        for (Manifest m : MANIFESTS) {
            if (m.kind().equals("FlinkDeployment")) {
                assertEquals("v" + v[0] + "_" + v[1], m.doc().path("spec").path("flinkVersion").asText(), m.file());
            }
            m.doc().findValues("image").stream().map(JsonNode::asText).filter(i -> i.contains(OUR_IMAGE)).forEach(ours::add);
        }
        assertEquals(1, ours.size(), "one image of ours everywhere: " + ours);
        String image = ours.iterator().next();
        assertTrue(image.endsWith("-flink" + flinkVersion), image + " should name Flink " + flinkVersion + " in its tag");
    }

    /** Keys as Flink 2.x spells them (1.x keys were removed), values of their types; the streaming job's essentials. */
    @Test
    void flinkConfigurationUsesFlinksOwnOptions() throws Exception {
        Map<String, ConfigOption<?>> known = flinkOptions();
        for (Manifest m : of("FlinkDeployment")) {
            Map<String, String> conf = map(m.doc().path("spec").path("flinkConfiguration"));
            Configuration parsed = Configuration.fromMap(conf);
            for (String key : conf.keySet()) {
                if (key.startsWith("kubernetes.operator.") || key.startsWith("s3.")) {
                    continue; // the operator's own, and the S3 plugin's pass-through keys
                }
                if (key.startsWith("metrics.reporter.")) {
                    continue; // a reporter's own keys: everyFlinkPodExportsPrometheusMetrics
                }
                ConfigOption<?> option = known.get(key);
                assertNotNull(option, m.file() + ": " + key + " is not an option of Flink " + flinkVersion);
                assertNotNull(parsed.get(option), m.file() + ": " + key);
            }
        }
        JsonNode stream = deploymentWithJob("dev.episodes.jobs.StreamJob");
        Configuration c = Configuration.fromMap(map(stream.path("spec").path("flinkConfiguration")));
        assertEquals("rocksdb", c.get(StateBackendOptions.STATE_BACKEND));
        assertTrue(c.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS));
        assertTrue(c.get(RocksDBConfigurableOptions.USE_BLOOM_FILTER), "dedup lookups of new ids need bloom filters");
        assertEquals("kubernetes", c.get(HighAvailabilityOptions.HA_MODE));
        for (ConfigOption<String> dir : List.of(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                CheckpointingOptions.SAVEPOINT_DIRECTORY, HighAvailabilityOptions.HA_STORAGE_PATH)) {
            assertTrue(String.valueOf(c.get(dir)).startsWith("s3://"), dir.key() + " on object storage");
        }
        assertEquals("savepoint", stream.path("spec").path("job").path("upgradeMode").asText());
    }

    /** picocli's properties provider ignores keys that are no flag: a typo would silently keep a default. */
    @Test
    void configMapKeysAreFlagsOfEveryJobThatReadsThem() throws Exception {
        Properties props = configProperties();
        assertFalse(props.isEmpty());
        Set<String> readers = new TreeSet<>();
        for (Submission s : submissions()) {
            if (s.args().contains("--config")) {
                readers.add(s.entryClass());
            }
        }
        assertEquals(Set.of("dev.episodes.jobs.NightlyJob", "dev.episodes.jobs.StreamJob"), readers);
        for (String entry : readers) {
            CommandLine cli = new CommandLine(Class.forName(entry).getConstructor().newInstance());
            for (String key : props.stringPropertyNames()) {
                assertNotNull(cli.getCommandSpec().findOption("--" + key), entry + " has no flag --" + key);
            }
        }
    }

    /**
     * What --config and --pseudonym-key-file name must be mounted where the job's main runs (and its tasks);
     * --out is on S3, reached with the credentials of a Secret, so no volume is shared for the dataset.
     */
    @Test
    void mountsMatchTheArgs() {
        Manifest secret = secretHolding("pseudonym.key");
        Manifest s3 = secretHolding("AWS_SECRET_ACCESS_KEY");
        assertTrue(s3.doc().path("stringData").has("AWS_ACCESS_KEY_ID"), s3.file() + ": the access key id too");
        Manifest config = one("ConfigMap");
        assertEquals(List.of(), of("PersistentVolumeClaim"), "the dataset is on S3: no shared volume (no RWX PVC)");
        for (Submission s : submissions()) {
            String dataset = value(s.args(), "--out");
            assertTrue(dataset.startsWith("s3://"), s.where() + ": --out " + dataset + " on S3");
            JsonNode main = null;
            for (JsonNode c : s.cluster().path("spec").path("podTemplate").path("spec").path("containers")) {
                if (c.path("name").asText().equals("flink-main-container")) {
                    main = c;
                }
            }
            assertNotNull(main, s.where());
            assertTrue(main.path("envFrom").findValues("name").stream().map(JsonNode::asText).toList()
                    .contains(s3.name()), s.where() + ": the pods read the S3 credentials of Secret " + s3.name());
        }
        for (Submission s : submissions()) {
            Map<String, String> files = mountedFiles(s.cluster());
            String keyFile = value(s.args(), "--pseudonym-key-file");
            assertEquals("Secret " + secret.name() + "/pseudonym.key", files.get(keyFile), s.where() + ": " + keyFile);
            assertTrue(secret.doc().path("stringData").has("pseudonym.key"), "the Secret template's key name");
            String configFile = value(s.args(), "--config");
            assertEquals("ConfigMap " + config.name() + "/episodes.properties", files.get(configFile), s.where() + ": " + configFile);
        }
    }

    /** The Secret (template) whose data holds {@code key}. */
    private static Manifest secretHolding(String key) {
        List<Manifest> found = of("Secret").stream().filter(m -> m.doc().path("stringData").has(key)).toList();
        assertEquals(1, found.size(), "one Secret holds " + key);
        return found.get(0);
    }

    @Test
    void theJobJarIsWhereTheDockerfilePutsIt() throws IOException {
        List<String> copy = Files.readAllLines(K8S.resolve("Dockerfile")).stream()
                .filter(l -> l.startsWith("COPY ") && l.contains("episodes-job")).toList();
        assertEquals(1, copy.size(), "one COPY of the job jar");
        String[] words = copy.get(0).split("\\s+");
        assertEquals("jobs/target/episodes-job.jar", words[words.length - 2], "the job jar Maven builds");
        String jar = words[words.length - 1];
        assertEquals("/opt/flink/usrlib/episodes-job.jar", jar);

        assertEquals("local://" + jar, deploymentWithJob("dev.episodes.jobs.StreamJob").path("spec").path("job").path("jarURI").asText());
        String sessionJar = one("FlinkSessionJob").doc().path("spec").path("job").path("jarURI").asText();
        assertTrue(sessionJar.startsWith("https://") && sessionJar.endsWith("/episodes-job.jar"), sessionJar);

        JsonNode pod = one("CronJob").doc().path("spec").path("jobTemplate").path("spec").path("template").path("spec");
        JsonNode init = pod.path("initContainers").path(0);
        assertTrue(init.path("image").asText().contains(OUR_IMAGE), "the jar comes from our image");
        List<String> cp = list(init.path("command"));
        assertEquals(List.of("cp", jar), cp.subList(0, 2));
        assertEquals(cp.get(2), env(pod.path("containers").path(0), "JAR"), "what the submit container uploads");
    }

    /**
     * Both clusters run Flink's Prometheus reporter (a factory Flink loads, on one port) and their pods say
     * where: the annotations of annotation-based discovery, a container port named for podmonitor.yaml,
     * whose selector matches the pods' labels.
     */
    @Test
    void everyFlinkPodExportsPrometheusMetrics() throws Exception {
        JsonNode monitor = one("PodMonitor").doc().path("spec");
        for (Manifest m : of("FlinkDeployment")) {
            Map<String, String> conf = map(m.doc().path("spec").path("flinkConfiguration"));
            String factory = conf.get("metrics.reporter.prom.factory.class");
            assertNotNull(factory, m.file() + ": no Prometheus reporter");
            assertTrue(org.apache.flink.metrics.reporter.MetricReporterFactory.class.isAssignableFrom(Class.forName(factory)),
                    m.file() + ": " + factory + " is not a reporter factory");
            String port = conf.get("metrics.reporter.prom.port");
            assertTrue(port != null && port.matches("\\d+"), m.file() + ": one port, the one the pods name: " + port);
            JsonNode template = m.doc().path("spec").path("podTemplate");
            JsonNode annotations = template.path("metadata").path("annotations");
            assertEquals("true", annotations.path("prometheus.io/scrape").asText(), m.file());
            assertEquals(port, annotations.path("prometheus.io/port").asText(), m.file());
            assertEquals("/metrics", annotations.path("prometheus.io/path").asText(), m.file());
            JsonNode main = null;
            for (JsonNode c : template.path("spec").path("containers")) {
                if (c.path("name").asText().equals("flink-main-container")) {
                    main = c;
                }
            }
            assertNotNull(main, m.file() + ": no flink-main-container");
            String portName = monitor.path("podMetricsEndpoints").get(0).path("port").asText();
            boolean named = false;
            for (JsonNode p : main.path("ports")) {
                named |= p.path("name").asText().equals(portName) && p.path("containerPort").asText().equals(port);
            }
            assertTrue(named, m.file() + ": container port " + portName + " = " + port);
            Map<String, String> labels = map(template.path("metadata").path("labels"));
            map(monitor.path("selector").path("matchLabels")).forEach((k, v) ->
                    assertEquals(v, labels.get(k), m.file() + ": the PodMonitor selects its pods by " + k));
        }
    }

    @Test
    void kustomizationAppliesEveryStandingManifest() throws IOException {
        Set<String> listed = new TreeSet<>(list(one("Kustomization").doc().path("resources")));
        Set<String> expected = new TreeSet<>();
        for (Manifest m : MANIFESTS) {
            if (!m.kind().equals("Kustomization") && !NOT_APPLIED_BY_KUSTOMIZE.contains(m.file())) {
                expected.add(m.file());
            }
        }
        assertEquals(expected, listed);
    }

    /** The host's crontab line runs the CLI's own nightly command with flags it accepts, under a lock, into a log. */
    @Test
    void theHostCrontabRunsTheNightlyCommand() throws IOException {
        List<String> entries = Files.readAllLines(REPO.resolve("deploy/cron/episodes-nightly.cron")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.matches("^[A-Z_]+=.*")).toList();
        assertEquals(1, entries.size(), "one crontab entry");
        String line = entries.get(0);
        assertTrue(line.contains("flock -n "), "a night never overlaps the previous one");
        String command = line.substring(line.indexOf("./episodes nightly ") + "./episodes ".length(), line.indexOf(" >> "));
        assertTrue(line.substring(line.indexOf(" >> ")).contains(".log"), "appends to a log file");
        List<String> args = new ArrayList<>(List.of(command.split("\\s+")));
        assertFalse(args.contains("--date"), "the entry builds yesterday");
        CommandLine cli = new CommandLine(new EpisodesCli());
        CommandLine.ParseResult parsed = cli.parseArgs(ConfigFile.apply(withLocalConfig(args), cli));
        Object flags = parsed.subcommand().commandSpec().mixins().get("flags").userObject();
        NightlyFlags nightly = (NightlyFlags) flags;
        nightly.config(1);
        assertEquals(nightly.first(), nightly.last());
    }

    // ---- reading the manifests

    private List<Submission> submissions() {
        List<Submission> all = new ArrayList<>();
        for (Manifest m : of("FlinkDeployment")) {
            JsonNode job = m.doc().path("spec").path("job");
            if (!job.isMissingNode()) {
                all.add(new Submission("FlinkDeployment " + m.name(), job.path("entryClass").asText(),
                        list(job.path("args")), m.doc()));
            }
        }
        for (Manifest m : of("FlinkSessionJob")) {
            JsonNode job = m.doc().path("spec").path("job");
            all.add(new Submission("FlinkSessionJob " + m.name(), job.path("entryClass").asText(), list(job.path("args")),
                    deployment(m.doc().path("spec").path("deploymentName").asText())));
        }
        for (Manifest m : of("CronJob")) {
            JsonNode submit = m.doc().path("spec").path("jobTemplate").path("spec").path("template").path("spec")
                    .path("containers").path(0);
            JsonNode run;
            try {
                run = new ObjectMapper().readTree(env(submit, "RUN_REQUEST"));
            } catch (IOException e) {
                throw new AssertionError(m.file() + ": RUN_REQUEST is not JSON", e);
            }
            String rest = env(submit, "REST"); // http://<session cluster>-rest:8081, the operator's REST service
            String host = rest.replaceFirst("^https?://", "").replaceFirst("[:/].*$", "");
            assertTrue(host.endsWith("-rest"), m.file() + ": REST " + rest + " is no cluster's REST service");
            all.add(new Submission("CronJob " + m.name(), run.path("entryClass").asText(), list(run.path("programArgsList")),
                    deployment(host.substring(0, host.length() - "-rest".length()))));
        }
        assertEquals(3, all.size(), "the streaming job, the nightly FlinkSessionJob and the nightly CronJob");
        return all;
    }

    /** Every file a pod of the deployment sees, by path: "Secret NAME/KEY", "ConfigMap NAME/KEY" or "PVC NAME" (a folder). */
    private static Map<String, String> mountedFiles(JsonNode deployment) {
        JsonNode pod = deployment.path("spec").path("podTemplate").path("spec");
        Map<String, List<String>> volumes = new HashMap<>(); // volume name -> what it holds, relative paths first
        for (JsonNode v : pod.path("volumes")) {
            List<String> items = new ArrayList<>();
            if (v.has("persistentVolumeClaim")) {
                items.add("=PVC " + v.path("persistentVolumeClaim").path("claimName").asText());
            }
            List<JsonNode> sources = new ArrayList<>();
            v.path("projected").path("sources").forEach(sources::add);
            if (v.has("secret") || v.has("configMap")) {
                sources.add(v);
            }
            for (JsonNode src : sources) {
                boolean secret = src.has("secret");
                JsonNode ref = secret ? src.path("secret") : src.path("configMap");
                String name = secret ? ref.path("secretName").asText(ref.path("name").asText()) : ref.path("name").asText();
                for (JsonNode item : ref.path("items")) {
                    items.add(item.path("path").asText() + "=" + (secret ? "Secret " : "ConfigMap ") + name + "/"
                            + item.path("key").asText());
                }
            }
            volumes.put(v.path("name").asText(), items);
        }
        Map<String, String> files = new TreeMap<>();
        JsonNode main = null;
        for (JsonNode c : pod.path("containers")) {
            if (c.path("name").asText().equals("flink-main-container")) {
                main = c;
            }
        }
        assertNotNull(main, deployment.path("metadata").path("name").asText() + ": no flink-main-container in the pod template");
        for (JsonNode mount : main.path("volumeMounts")) {
            String at = mount.path("mountPath").asText();
            for (String item : volumes.getOrDefault(mount.path("name").asText(), List.of())) {
                String relative = item.substring(0, item.indexOf('='));
                files.put(relative.isEmpty() ? at : at + "/" + relative, item.substring(item.indexOf('=') + 1));
            }
        }
        return files;
    }

    private Object parse(String entryClass, List<String> args, String where) throws Exception {
        CommandLine cli = new CommandLine(Class.forName(entryClass).getConstructor().newInstance());
        try {
            cli.parseArgs(ConfigFile.apply(withLocalConfig(args), cli));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError(where + ": " + e.getMessage(), e);
        }
        return cli.getMixins().get("flags");
    }

    /** The args with --config pointing at a local copy of the ConfigMap's properties (the mount exists only in a pod). */
    private String[] withLocalConfig(List<String> args) throws IOException {
        Path local = tmp.resolve("episodes.properties");
        Files.writeString(local, one("ConfigMap").doc().path("data").path("episodes.properties").asText());
        List<String> out = new ArrayList<>(args);
        int i = out.indexOf("--config");
        if (i >= 0) {
            out.set(i + 1, local.toString());
        }
        return out.toArray(String[]::new);
    }

    private static Properties configProperties() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(one("ConfigMap").doc().path("data").path("episodes.properties").asText()));
        return p;
    }

    private static Map<String, ConfigOption<?>> flinkOptions() throws IllegalAccessException {
        Map<String, ConfigOption<?>> known = new HashMap<>();
        for (Class<?> c : List.of(CheckpointingOptions.class, StateBackendOptions.class, HighAvailabilityOptions.class,
                TaskManagerOptions.class, JobManagerOptions.class, RestartStrategyOptions.class, CoreOptions.class,
                PipelineOptions.class, RocksDBConfigurableOptions.class)) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
                    ConfigOption<?> o = (ConfigOption<?>) f.get(null);
                    known.put(o.key(), o);
                }
            }
        }
        return known;
    }

    private static JsonNode deploymentWithJob(String entryClass) {
        return of("FlinkDeployment").stream().map(Manifest::doc)
                .filter(d -> d.path("spec").path("job").path("entryClass").asText().equals(entryClass))
                .findFirst().orElseThrow(() -> new AssertionError("no FlinkDeployment runs " + entryClass));
    }

    private static JsonNode deployment(String name) {
        return of("FlinkDeployment").stream().filter(m -> m.name().equals(name)).map(Manifest::doc).findFirst()
                .orElseThrow(() -> new AssertionError("no FlinkDeployment named " + name));
    }

    private static List<Manifest> of(String kind) {
        return MANIFESTS.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    private static Manifest one(String kind) {
        List<Manifest> all = of(kind);
        assertEquals(1, all.size(), "one " + kind);
        return all.get(0);
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError(container.path("name").asText() + " has no env " + name);
    }

    private static String value(List<String> args, String flag) {
        int i = args.indexOf(flag);
        assertTrue(i >= 0 && i + 1 < args.size(), "no " + flag + " in " + args);
        return args.get(i + 1);
    }

    private static List<String> list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> map(JsonNode object) {
        Map<String, String> out = new TreeMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
