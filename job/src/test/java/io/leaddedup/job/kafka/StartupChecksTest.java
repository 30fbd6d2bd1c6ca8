package io.leaddedup.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the job checks before it exists: a missing input topic fails the start once, with a
 * sentence naming the topic, the flag that renames it and the way to leave it out (no job, so no
 * restart loop); a deployment without call routing leaves those inputs out and runs.
 */
class StartupChecksTest {

    @TempDir
    static Path work;

    @RegisterExtension
    static final BrokerPerClass KAFKA = new BrokerPerClass();

    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KAFKA.get();
        // an operator's deployment without call routing: no conversions, no routing-requests
        broker.createTopics(List.of("nr-leads", "nr-phone-dispositions", "nr-dedup-settings", "nr-lead-actions",
                "nr-lead-status", "nr-campaign-phone-counts", "nr-routing-decisions", "nr-rejects"), 2);
    }


    private static List<String> args(String... extra) throws Exception {
        List<String> args = KafkaJobRunner.args(broker.bootstrapServers(), work.resolve("job"), "no-routing", null);
        args.addAll(ReferenceRun.topicFlags("nr-"));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void aMissingInputTopicFailsTheStartOnceNamingItsFlagAndTheWayToLeaveItOut() throws Exception {
        long started = System.nanoTime();
        assertThatThrownBy(() -> KafkaJobRunner.start(args(), UnaryOperator.identity()))
                .hasMessageContaining("input topic 'nr-conversions' does not exist")
                .hasMessageContaining("--topic-conversions")
                .hasMessageContaining("--without-inputs conversions")
                .hasMessageContaining("input topic 'nr-routing-requests' does not exist");
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("start refused for a missing topic after " + millis + " ms");
        assertThat(millis).as("refused at once, not after restarts").isLessThan(30_000);
    }

    @Test
    void theLauncherPrintsTheSentenceAndExitsWithTwo() throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = KafkaTestAccess.launch(args().toArray(String[]::new));
        } finally {
            System.setErr(stderr);
        }
        assertThat(code).isEqualTo(2);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("input topic 'nr-conversions' does not exist");
    }

    @Test
    void aDeploymentWithoutCallRoutingLeavesThoseInputsOutAndRuns() throws Exception {
        Path events = work.resolve("events.jsonl");
        Files.write(events, List.of(
                "{\"type\":\"lead\",\"accountId\":\"a\",\"leadId\":\"N1\",\"listId\":\"l\",\"campaignId\":\"c\","
                        + "\"campaignPurpose\":\"p\",\"phone\":\"678 999 8212\",\"source\":\"API\","
                        + "\"importedAt\":\"2026-11-01T10:00:00Z\"}"));
        KafkaTestAccess.produce(new String[] {"produce", "--topic", "nr-leads", events.toString(),
                "--bootstrap-servers", broker.bootstrapServers()});
        // client properties that name other brokers and another isolation level must not redirect the job
        // and no routing-decisions topic either: without call routing its sink never writes, so the
        // start does not ask for it even though this broker creates no topics
        JobClient job = KafkaJobRunner.start(args("--without-inputs", "conversions,routing-requests",
                "--topic-routing-decisions", "nr-no-routing-decisions",
                "--kafka-property", "bootstrap.servers=127.0.0.1:1", "--kafka-property", "group.id=elsewhere",
                "--kafka-property", "isolation.level=read_uncommitted"), UnaryOperator.identity());
        try {
            List<CommittedTopic.Record> statuses = CommittedTopic.readUntil(broker.bootstrapServers(),
                    "nr-lead-status", r -> !r.isEmpty(), Duration.ofSeconds(90));
            assertThat(statuses).extracting(CommittedTopic.Record::key).containsExactly("N1");
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * A missing output on a broker that does not create topics (this one: auto.create.topics.enable
     * is false): without the check, the sinks' producers wait a minute for the topic's metadata, the
     * job restarts, and nothing is ever committed.
     */
    @Test
    void aMissingOutputTopicThatTheBrokerWillNotCreateFailsTheStartOnce() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> KafkaJobRunner.start(args("--without-inputs", "conversions,routing-requests",
                "--topic-lead-status", "nr-no-such-status"), UnaryOperator.identity()))
                .hasMessageContaining("output topic 'nr-no-such-status' does not exist")
                .hasMessageContaining("auto.create.topics.enable=false")
                .hasMessageContaining("compacted")
                .hasMessageContaining("--topic-lead-status")
                .hasMessageContaining("Nothing was submitted");
        assertThat((System.nanoTime() - started) / 1_000_000).as("refused at once").isLessThan(30_000);
    }

    /**
     * The launcher's JVM as an operator meets it: the same command started again from a second
     * terminal is refused while the first runs (two jobs would fence each other's transactions),
     * and stopped by a signal (SIGTERM, as Ctrl-C or a supervisor sends) it says in one line that
     * nothing is lost and how to go on, instead of ending without a word.
     */
    @Test
    void aSecondCopyIsRefusedAndASignalThatStopsTheLauncherIsAnsweredWithHowToGoOn() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        command.addAll(java.util.Arrays.stream(System.getProperty("flink.jvm.options", "").split("\\s+"))
                .filter(flag -> !flag.isBlank()).toList());
        command.addAll(List.of("-cp", KafkaBroker.testClasspath(), "io.leaddedup.job.LeadDedupCli"));
        command.addAll(KafkaJobRunner.args(broker.bootstrapServers(), work.resolve("signal"), "signal", null));
        command.addAll(ReferenceRun.topicFlags("nr-"));
        command.addAll(List.of("--without-inputs", "conversions,routing-requests"));
        Path log = work.resolve("signal.log");
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!Files.readString(log).contains("starting on an embedded Flink") && launcher.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(Files.readString(log)).as("the launcher's output").contains("starting on an embedded Flink");

            // the same command from a second terminal, while the first runs: refused, not a second job
            PrintStream stderr = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            int code;
            try {
                System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
                code = KafkaTestAccess.launch(command.subList(command.indexOf("kafka"), command.size())
                        .toArray(String[]::new));
            } finally {
                System.setErr(stderr);
            }
            assertThat(code).isEqualTo(2);
            assertThat(captured.toString(StandardCharsets.UTF_8)).contains("another lead-dedup kafka")
                    .contains("transactional ids signal-nr-").contains("process " + launcher.pid());

            // once the job runs (its first checkpoint is written), stop it as an operator does
            Path checkpoints = work.resolve("signal").resolve("checkpoints");
            while (!hasACheckpoint(checkpoints) && launcher.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            launcher.destroy(); // SIGTERM
            assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log)).contains("lead-dedup kafka: stopped. Its state is in its checkpoints:"
                    + " started again with the same flags, it goes on from the newest one");
        } finally {
            launcher.destroyForcibly();
        }
    }

    private static boolean hasACheckpoint(Path checkpoints) throws java.io.IOException {
        if (!Files.isDirectory(checkpoints)) {
            return false;
        }
        try (var paths = Files.walk(checkpoints, 2)) {
            return paths.anyMatch(path -> path.getFileName().toString().startsWith("chk-"));
        }
    }

    @Test
    void aBrokerHostThatDoesNotResolveIsNamedAsSuch() {
        List<String> args = List.of("--bootstrap-servers", "nosuchhost.invalid:9092", "--checkpoint-dir",
                work.resolve("cp").toString(), "-Dparallelism.default=1");
        assertThatThrownBy(() -> KafkaJobRunner.start(args, UnaryOperator.identity()))
                .hasMessageContaining("--bootstrap-servers nosuchhost.invalid:9092")
                .hasMessageContaining("resolves");
    }

    @Test
    void unreachableKafkaFailsTheStartWithASentence() {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", "127.0.0.1:1", "--checkpoint-dir",
                work.resolve("cp").toString(), "-Dparallelism.default=1"));
        // a short client timeout keeps the test quick; the job's own wait is 30 s
        args.addAll(List.of("--kafka-property", "default.api.timeout.ms=2000"));
        assertThatThrownBy(() -> KafkaJobRunner.start(args, UnaryOperator.identity()))
                .hasMessageContaining("could not list the topics of Kafka at 127.0.0.1:1");
    }
}
