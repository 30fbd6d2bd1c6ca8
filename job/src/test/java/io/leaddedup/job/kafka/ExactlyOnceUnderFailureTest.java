package io.leaddedup.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leaddedup.job.tools.LoadGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over 100,000 events with relocations, dispositions and routing requests, through a real broker,
 * while the job is made to fail three times mid-stream. The committed output must equal, record for
 * record, that of an undisturbed run of the same topology on the same events (local mode).
 *
 * <p>All events go to the {@code leads} topic keyed by their number (each carries its {@code type}),
 * so every number's events keep their order, and generated leads have one number each: the
 * output is then a function of the input alone, and any difference is a lost or repeated record.
 */
class ExactlyOnceUnderFailureTest {

    private static final int LEADS = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    @RegisterExtension
    static final BrokerPerClass KAFKA = new BrokerPerClass();

    static KafkaBroker broker;
    static ReferenceRun reference;

    @BeforeAll
    static void produceEventsAndRunTheReference() throws Exception {
        reference = ReferenceRun.of(work, 7L, 40_000, LEADS);
        broker = KAFKA.get();
        broker.createTopics(KafkaTestAccess.defaultInputTopics(), 2);
        broker.createTopics(KafkaTestAccess.defaultOutputTopics(), 2);
    }


    @Test
    void committedOutputEqualsAnUndisturbedRunDespiteThreeFailures() throws Exception {
        assertThat(reference.events.size()).isGreaterThan(LEADS);
        InjectedFailures.arm(3);
        long started = System.nanoTime();
        int metricsPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            metricsPort = socket.getLocalPort();
        }
        JobClient job = KafkaJobRunner.start(
                KafkaJobRunner.args(broker.bootstrapServers(), work.resolve("job"), "exactly-once", reference.settings,
                        "--metrics-port", Integer.toString(metricsPort)),
                raw -> raw.map(new InjectedFailures()).name("injected-failures"));
        try {
            // The events arrive in chunks, more than a checkpoint interval apart until every failure
            // is injected: a fast machine must not read the whole backlog before the third one.
            List<LoadGenerator.Event> events = reference.events;
            int chunk = 5_000;
            for (int from = 0; from < events.size(); from += chunk) {
                ReferenceRun.produce(broker, "", events.subList(from, Math.min(events.size(), from + chunk)));
                if (InjectedFailures.REMAINING.get() > 0) {
                    Thread.sleep(1_500);
                }
            }
            int expectedStatuses = reference.expected("lead-status");
            CommittedTopic.readUntil(broker.bootstrapServers(), "lead-status", r -> r.size() >= expectedStatuses,
                    Duration.ofMinutes(4));
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(java.util.Locale.ROOT, "exactly-once run: %,d events, paced in chunks, committed in"
                    + " %.1f s with 3 "
                    + "failures (%,.0f events/s end to end, job start included)%n", reference.events.size(), seconds,
                    reference.events.size() / seconds);
            assertThat(InjectedFailures.REMAINING.get()).as("all failures were injected mid-stream").isLessThanOrEqualTo(0);

            reference.assertCommittedOutputEquals(broker, "");
            // The counters are checkpointed with the stages: after three failovers they equal the
            // committed records, not the records processed (some of them twice).
            long relocated = CommittedTopic.readAll(broker.bootstrapServers(), "lead-actions").stream()
                    .filter(r -> r.value().startsWith("{\"action\":\"RELOCATED\"")).count();
            assertThat(relocated).isPositive();
            assertThat(PrometheusScrape.sum(PrometheusScrape.scrape(metricsPort), PrometheusScrape.LEAD_ACTIONS,
                    "action=\"RELOCATED\"")).as("RELOCATED on /metrics after 3 failovers").isEqualTo((double) relocated);
            // At least once by design: every request answered, the same way; repeats allowed.
            Map<String, String> decisions = new HashMap<>();
            for (CommittedTopic.Record record : CommittedTopic.readAll(broker.bootstrapServers(), "routing-decisions")) {
                decisions.put(record.key(), withoutDecidedAt(record.value()));
            }
            Map<String, String> expected = new HashMap<>();
            for (String line : ReferenceRun.lines(reference.output.resolve("routing-decisions.jsonl"))) {
                expected.put(JSON.readTree(line).get("requestId").asText(), withoutDecidedAt(line));
            }
            assertThat(decisions).isEqualTo(expected);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }


    private static String withoutDecidedAt(String json) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(json);
            node.remove("decidedAt");
            return node.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
