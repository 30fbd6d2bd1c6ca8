package io.leaddedup.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import io.leaddedup.job.LeadDedupCli;
import io.leaddedup.job.LeadDedupMain;
import io.leaddedup.job.vicidial.ApplyVicidialCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Dockerfile, docker-compose.yml and deploy/flink-deployment.yaml cannot run on our CI machine;
 * this keeps them consistent with the pom, the build and the job's flags.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root")).normalize();
    private static final String FLINK_VERSION = System.getProperty("flink.version");
    private static final String KAFKA_VERSION = System.getProperty("kafka.version");
    private static final List<String> FLINK_SERVICES = List.of("jobmanager", "taskmanager");

    /** The Dockerfile's instructions, continuation lines joined, comments left out. */
    static List<String> dockerfile;
    static JsonNode compose;
    static JsonNode deployment;
    /** The shaded jar as the job module builds it, relative to the repository root. */
    static String shadedJar;

    @BeforeAll
    static void read() throws Exception {
        dockerfile = instructions(ROOT.resolve("Dockerfile"));
        // Replays aliases and applies `<<` merges, as Compose does for the services' environment.
        ObjectMapper yaml = new ObjectMapper(new YAMLAnchorReplayingFactory());
        compose = yaml.readTree(ROOT.resolve("docker-compose.yml").toFile());
        deployment = yaml.readTree(ROOT.resolve("deploy/flink-deployment.yaml").toFile());
        String finalName = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ROOT.resolve("job/pom.xml").toFile())
                .getElementsByTagName("finalName").item(0).getTextContent().trim();
        shadedJar = "job/target/" + finalName + ".jar";
    }

    @Test
    void imageIsTheOfficialFlinkImageOfThePomsVersion() {
        assertThat(arguments("FROM")).containsExactly("flink:" + FLINK_VERSION + "-java17");
    }

    @Test
    void imageCarriesTheShadedJarInUsrlib() throws IOException {
        assertThat(copySource()).isEqualTo(shadedJar);
        assertThat(jarInImage()).startsWith("/opt/flink/usrlib/").endsWith(".jar");
        // The build context is cut down to the jar: it must stay in it.
        assertThat(Files.readAllLines(ROOT.resolve(".dockerignore"))).contains("!" + shadedJar);
    }

    @Test
    void imagePreparesAStateDirectoryFlinkCanWriteAndRunsAsFlink() {
        assertThat(stateDirectory()).isEqualTo("/flink-state");
        List<String> users = arguments("USER");
        assertThat(users).isNotEmpty();
        assertThat(users.get(users.size() - 1)).isEqualTo("flink");
    }

    @Test
    void composeBuildsOneImageForJobManagerAndTaskManager() {
        String image = compose.at("/services/jobmanager/image").asText();
        assertThat(image).isNotBlank();
        for (String service : FLINK_SERVICES) {
            JsonNode build = compose.at("/services/" + service + "/build");
            String context = build.isTextual() ? build.asText() : build.path("context").asText();
            assertThat(context).as("%s's build context", service).isNotBlank();
            assertThat(ROOT.resolve(context).normalize()).as("%s's build context", service).isEqualTo(ROOT);
            assertThat(compose.at("/services/" + service + "/image").asText()).isEqualTo(image);
        }
    }

    @Test
    void kafkaImagesMatchThePom() {
        String kafka = "apache/kafka:" + KAFKA_VERSION;
        assertThat(compose.at("/services/kafka/image").asText()).isEqualTo(kafka);
        assertThat(compose.at("/services/kafka-topics/image").asText()).isEqualTo(kafka);
    }

    @Test
    void composeCreatesEveryTopicTheJobReadsOrWrites() {
        String script = compose.at("/services/kafka-topics/command/0").asText();
        for (String topic : Topics.defaultTopics().all()) {
            assertThat(script).containsPattern("(?m)^create " + topic + "( |$)");
        }
        for (String compacted : new String[] {"lead-status", "campaign-phone-counts", "dedup-settings"}) {
            assertThat(script).contains("create " + compacted + " --config cleanup.policy=compact");
        }
    }

    @Test
    void composeRunsTheJobsMainClassWithValidFlags() {
        List<String> command = texts(compose.at("/services/jobmanager/command"));
        assertThat(command).startsWith("standalone-job");
        int classFlag = command.indexOf("--job-classname");
        assertThat(classFlag).isPositive();
        assertThat(command.get(classFlag + 1)).isEqualTo(LeadDedupMain.class.getName());
        List<String> args = command.subList(classFlag + 2, command.size());
        KafkaRun.Options options = KafkaRun.parse(args.toArray(String[]::new));
        assertThat(options.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(options.resume()).as("a stack brought down and up again resumes from its checkpoints")
                .isEqualTo(ResumePoint.Mode.LATEST);
        // The cluster's configuration (FLINK_PROPERTIES) decides these, not the job's flags.
        assertThat(args).doesNotContain("--parallelism", "--checkpoint-dir");
    }

    @Test
    void composeConfiguresParallelismAndStateOnTheImagesStateVolume() {
        String state = stateDirectory();
        for (String service : FLINK_SERVICES) {
            Map<String, String> properties =
                    flinkProperties(compose.at("/services/" + service + "/environment/FLINK_PROPERTIES").asText());
            assertThat(properties).as("%s's FLINK_PROPERTIES", service)
                    .containsKeys("parallelism.default", "taskmanager.numberOfTaskSlots");
            // One TaskManager runs the whole job.
            assertThat(Integer.parseInt(properties.get("parallelism.default")))
                    .isBetween(1, Integer.parseInt(properties.get("taskmanager.numberOfTaskSlots")));
            assertThat(properties.get("execution.checkpointing.dir")).startsWith("file://" + state + "/");
            assertThat(properties.get("execution.checkpointing.savepoint-dir")).startsWith("file://" + state + "/");
            assertThat(texts(compose.at("/services/" + service + "/volumes"))).contains("flink-state:" + state);
        }
        assertThat(compose.path("volumes").has("flink-state")).isTrue();
    }

    @Test
    void composeScrapesTheReportersEveryFlinkServiceRunsWithTheAlertsLoaded() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLAnchorReplayingFactory());
        JsonNode prometheus = yaml.readTree(ROOT.resolve("deploy/prometheus/prometheus.yml").toFile());
        List<String> targets = texts(prometheus.at("/scrape_configs/0/static_configs/0/targets"));
        for (String service : FLINK_SERVICES) {
            Map<String, String> properties =
                    flinkProperties(compose.at("/services/" + service + "/environment/FLINK_PROPERTIES").asText());
            assertThat(properties.get("metrics.reporter.prom.factory.class"))
                    .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            assertThat(targets).contains(service + ":" + properties.get("metrics.reporter.prom.port"));
        }
        List<String> mounts = texts(compose.at("/services/prometheus/volumes"));
        assertThat(mounts).anyMatch(m -> m.startsWith("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml"));
        String rulesInContainer = texts(prometheus.path("rule_files")).get(0);
        assertThat(mounts).anyMatch(m -> m.startsWith("./deploy/prometheus/lead-dedup-alerts.yml:" + rulesInContainer));
    }

    /** What the job and Flink export under the names the alerts and the dashboard use. */
    private static final List<String> EXPORTED = List.of("leaddedup_action_leadActions", "leaddedup_reason_rejects",
            "leaddedup_eventsRead", "leaddedup_status_routingDecisions", "leaddedup_routingLatencyMs",
            "leaddedup_leadsAccepted", "leaddedup_leadsReplayed", "leaddedup_routingFallbacks",
            "leaddedup_disqualifiedNumbers", "leaddedup_leadsAtNumberOnArrival", "pendingRecords",
            "numberOfFailedCheckpoints", "numberOfCompletedCheckpoints", "numRestarts");

    /** Every metric {@code expr} names is one the job or Flink exports, for the job's name as Flink's reporter writes it. */
    private static void assertNamesExportedMetrics(String expr, String what) {
        assertThat(expr).as(what).contains("job_name=\"lead_dedup\"");
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("flink_[a-z_]+?_(leaddedup_[A-Za-z_]+|"
                + "operator_pendingRecords|job_[A-Za-z]+)\\{").matcher(expr);
        int found = 0;
        while (names.find()) {
            String name = names.group(1).replaceFirst("^(operator|job)_", "");
            assertThat(EXPORTED).as("%s in %s", name, what).contains(name);
            found++;
        }
        assertThat(found).as(what).isPositive();
    }

    @Test
    void alertRulesUseTheJobsMetricNames() throws Exception {
        JsonNode rules = new ObjectMapper(new YAMLAnchorReplayingFactory())
                .readTree(ROOT.resolve("deploy/prometheus/lead-dedup-alerts.yml").toFile());
        int alerts = 0;
        for (JsonNode rule : rules.at("/groups/0/rules")) {
            assertNamesExportedMetrics(rule.path("expr").asText(), rule.path("alert").asText());
            alerts++;
        }
        assertThat(alerts).isGreaterThanOrEqualTo(8);
        java.nio.file.Path promtool = java.nio.file.Path.of("/usr/bin/promtool");
        if (java.nio.file.Files.isExecutable(promtool)) {
            Process check = new ProcessBuilder(promtool.toString(), "check", "rules",
                    ROOT.resolve("deploy/prometheus/lead-dedup-alerts.yml").toString()).redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes());
            assertThat(check.waitFor()).as(output).isZero();
        }
    }

    @Test
    void dashboardQueriesUseTheJobsMetricNames() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("deploy/grafana/lead-dedup-dashboard.json").toFile());
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                assertNamesExportedMetrics(target.path("expr").asText(), panel.path("title").asText());
                queries++;
            }
        }
        assertThat(queries).isGreaterThanOrEqualTo(8);
    }

    @Test
    void flinkDeploymentRunsTheImagesJarInApplicationMode() {
        assertThat(deployment.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(deployment.path("kind").asText()).isEqualTo("FlinkDeployment");
        JsonNode spec = deployment.path("spec");
        // The image compose builds, as pushed to a registry.
        String image = compose.at("/services/jobmanager/image").asText();
        assertThat(spec.path("image").asText()).matches("([^\\s/]+/)*" + Pattern.quote(image));
        String[] version = FLINK_VERSION.split("\\.");
        assertThat(spec.path("flinkVersion").asText()).isEqualTo("v" + version[0] + "_" + version[1]);
        assertThat(spec.at("/job/jarURI").asText()).isEqualTo("local://" + jarInImage());
        assertThat(spec.at("/job/entryClass").asText()).isEqualTo(LeadDedupMain.class.getName());
        assertThat(spec.at("/job/parallelism").asInt()).isPositive();
        assertThat(spec.at("/job/upgradeMode").asText()).isEqualTo("savepoint");
    }

    @Test
    void flinkDeploymentKeepsStateOnSharedStorageWithKubernetesHa() {
        JsonNode conf = deployment.at("/spec/flinkConfiguration");
        assertThat(conf.path("high-availability.type").asText()).isEqualTo("kubernetes");
        assertThat(conf.path("high-availability.storageDir").asText()).contains("://");
        // The job refuses to start on a cluster without a checkpoint directory; the operator takes
        // its upgrade savepoints in the savepoint directory.
        assertThat(conf.path("execution.checkpointing.dir").asText()).contains("://");
        assertThat(conf.path("execution.checkpointing.savepoint-dir").asText()).contains("://");
        assertThat(conf.path("execution.checkpointing.externalized-checkpoint-retention").asText())
                .isEqualTo("RETAIN_ON_CANCELLATION");
        assertThat(conf.path("state.backend.type").asText()).isEqualTo("rocksdb");
        // s3:// needs one of the image's S3 plugins, and their file names carry Flink's version.
        List<String> plugins = new ArrayList<>();
        for (JsonNode variable : flinkMainContainer().path("env")) {
            if (variable.path("name").asText().equals("ENABLE_BUILT_IN_PLUGINS")) {
                plugins.addAll(Arrays.asList(variable.path("value").asText().split(";")));
            }
        }
        for (String plugin : plugins) {
            assertThat(plugin).endsWith("-" + FLINK_VERSION + ".jar");
        }
        if (conf.path("execution.checkpointing.dir").asText().startsWith("s3://")) {
            assertThat(plugins).anyMatch(plugin -> plugin.startsWith("flink-s3-fs-"));
        }
    }

    @Test
    void flinkDeploymentArgsParseAndReadKafkaPropertiesFromAMountedSecret(@TempDir Path tmp) throws IOException {
        List<String> args = texts(deployment.at("/spec/job/args"));
        assertThat(args).doesNotContain("--parallelism", "--checkpoint-dir");
        int fileFlag = args.indexOf("--kafka-properties-file");
        assertThat(fileFlag).isNotNegative();
        String propertiesFile = args.get(fileFlag + 1);

        String volume = null;
        for (JsonNode mount : flinkMainContainer().path("volumeMounts")) {
            if (propertiesFile.startsWith(mount.path("mountPath").asText() + "/")) {
                volume = mount.path("name").asText();
            }
        }
        assertThat(volume).as("a volume mounted over %s", propertiesFile).isNotNull();
        boolean fromSecret = false;
        for (JsonNode candidate : deployment.at("/spec/podTemplate/spec/volumes")) {
            if (candidate.path("name").asText().equals(volume) && candidate.has("secret")) {
                fromSecret = true;
            }
        }
        assertThat(fromSecret).as("volume %s is a Secret", volume).isTrue();

        // The file exists only in the pod: parse the same flags with a stand-in for it.
        Path standIn = Files.writeString(tmp.resolve("kafka.properties"), "security.protocol=PLAINTEXT\n");
        List<String> local = new ArrayList<>(args);
        local.set(fileFlag + 1, standIn.toString());
        KafkaRun.Options options = KafkaRun.parse(local.toArray(String[]::new));
        assertThat(options.bootstrapServers()).isEqualTo(args.get(args.indexOf("--bootstrap-servers") + 1));
        assertThat(options.kafkaProperties()).containsEntry("security.protocol", "PLAINTEXT");
    }

    @Test
    void vicidialAdapterRunsTheImagesJarWithFlagsThatParseAndSecretsFromVolumes() throws IOException {
        JsonNode adapter = new ObjectMapper(new YAMLAnchorReplayingFactory()).readTree(ROOT.resolve("deploy/vicidial-adapter.yaml").toFile());
        JsonNode pod = adapter.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        assertThat(container.path("image").asText()).isEqualTo(deployment.at("/spec/image").asText());
        List<String> command = texts(container.path("command"));
        assertThat(command).startsWith("java");
        // the launcher's logging, from the jar, so the adapter's own lines reach the container's log
        assertThat(command).contains("-Dlog4j2.configurationFile=log4j2-local.properties");
        assertThat(ROOT.resolve("job/src/main/resources/log4j2-local.properties")).exists();
        String classpath = command.get(command.indexOf("-cp") + 1);
        // The job's jar first, then the image's Flink libraries (logging, and the classes the CLI names).
        assertThat(classpath).isEqualTo(jarInImage() + ":/opt/flink/lib/*");
        assertThat(command.subList(command.size() - 2, command.size()))
                .containsExactly(LeadDedupCli.class.getName(), "apply-vicidial");

        List<String> args = texts(container.path("args"));
        CommandLine.ParseResult parsed = new CommandLine(new ApplyVicidialCommand()).parseArgs(args.toArray(String[]::new));
        assertThat(parsed.matchedOptionValue("--account", "")).isNotBlank();
        assertThat(parsed.matchedOptionValue("--duplicates-list-id", 0L)).isPositive();
        for (String fileFlag : List.of("--kafka-properties-file", "--db-password-file")) {
            String file = args.get(args.indexOf(fileFlag) + 1);
            String volume = null;
            for (JsonNode mount : container.path("volumeMounts")) {
                if (file.startsWith(mount.path("mountPath").asText() + "/")) {
                    volume = mount.path("name").asText();
                }
            }
            assertThat(volume).as("a volume mounted over %s", file).isNotNull();
            boolean fromSecret = false;
            for (JsonNode candidate : pod.path("volumes")) {
                fromSecret |= candidate.path("name").asText().equals(volume) && candidate.has("secret");
            }
            assertThat(fromSecret).as("volume %s is a Secret", volume).isTrue();
        }
    }

    private static JsonNode flinkMainContainer() {
        for (JsonNode container : deployment.at("/spec/podTemplate/spec/containers")) {
            if (container.path("name").asText().equals("flink-main-container")) {
                return container;
            }
        }
        throw new AssertionError("no flink-main-container in the FlinkDeployment's podTemplate");
    }

    /** The arguments of every instruction named {@code keyword}, in order. */
    private static List<String> arguments(String keyword) {
        List<String> arguments = new ArrayList<>();
        for (String instruction : dockerfile) {
            String[] parts = instruction.split("\\s+", 2);
            if (parts[0].equalsIgnoreCase(keyword) && parts.length == 2) {
                arguments.add(parts[1]);
            }
        }
        return arguments;
    }

    /** The single COPY's source and target, its --chown and other options left out. */
    private static List<String> copyWords() {
        List<String> copies = arguments("COPY");
        assertThat(copies).hasSize(1);
        List<String> words = new ArrayList<>();
        for (String word : copies.get(0).split("\\s+")) {
            if (!word.startsWith("--")) {
                words.add(word);
            }
        }
        assertThat(words).hasSize(2);
        return words;
    }

    private static String copySource() {
        return copyWords().get(0);
    }

    private static String jarInImage() {
        return copyWords().get(1);
    }

    /** The directory the Dockerfile hands to the flink user. */
    private static String stateDirectory() {
        Matcher chown = Pattern.compile("chown\\s+(?:-R\\s+)?flink(?::flink)?\\s+(/\\S+)")
                .matcher(String.join("\n", arguments("RUN")));
        assertThat(chown.find()).as("a RUN that chowns a directory to flink").isTrue();
        return chown.group(1);
    }

    private static List<String> instructions(Path file) throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            instructions.add(current.toString());
            current.setLength(0);
        }
        return instructions;
    }

    /** A YAML list of words, or one string of them. */
    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode element : node) {
                texts.add(element.asText());
            }
        } else if (!node.isMissingNode() && !node.isNull()) {
            texts.addAll(Arrays.asList(node.asText().trim().split("\\s+")));
        }
        return texts;
    }

    /** FLINK_PROPERTIES as the image's entry point reads it: one {@code key: value} a line. */
    private static Map<String, String> flinkProperties(String text) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                properties.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return properties;
    }
}
