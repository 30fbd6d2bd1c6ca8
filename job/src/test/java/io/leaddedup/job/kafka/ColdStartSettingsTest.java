package io.leaddedup.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leaddedup.events.RawEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings that are on {@code dedup-settings} before a backlog of 100,000 leads is on {@code leads}
 * are in force from the first lead when the job starts cold: every output equals the local run's
 * with the same settings given at start. The settings topic also holds an older, contradicting
 * version of every account's settings (relocation and inbound protection flipped), which the job's
 * source reads again from the earliest offset: it must never be in force, not even for a moment.
 */
class ColdStartSettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    @RegisterExtension
    static final BrokerPerClass KAFKA = new BrokerPerClass();

    static KafkaBroker broker;
    static ReferenceRun reference;

    @BeforeAll
    static void setUp() throws Exception {
        reference = ReferenceRun.of(work, 29L, 40_000, 100_000);
        broker = KAFKA.get();
    }


    /** The race as it happens: the backlog is read while the settings broadcast is on its way. */
    @Test
    void settingsOnTheTopicBeforeTheBacklogApplyFromTheFirstLead() throws Exception {
        runColdStart("cold-", UnaryOperator.identity());
    }

    /**
     * The race forced to its worst: no record read from the settings topic ever reaches the
     * broadcast, so only what the job read before it started can have put them in force.
     */
    @Test
    void theyApplyEvenIfTheSettingsBroadcastNeverArrives() throws Exception {
        runColdStart("forced-", raw -> raw
                .filter(event -> event.settingsOrigin == null)
                .returns(TypeInformation.of(RawEvent.class))
                .name("drop-settings-topic-records"));
    }

    private void runColdStart(String prefix, UnaryOperator<DataStream<RawEvent>> tap) throws Exception {
        ReferenceRun.createTopics(broker, prefix);
        produceSettings(prefix + "dedup-settings");
        ReferenceRun.produce(broker, prefix, reference.events);
        List<String> args = KafkaJobRunner.args(broker.bootstrapServers(), work.resolve(prefix + "job"),
                prefix + "job", null);
        args.addAll(ReferenceRun.topicFlags(prefix));
        JobClient job = KafkaJobRunner.start(args, tap);
        try {
            reference.assertCommittedOutputEquals(broker, prefix);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    /** Each account's settings twice, keyed by account: a contradicting older version, then the real one. */
    private static void produceSettings(String topic) throws Exception {
        List<String> settings = Files.readAllLines(reference.settings);
        assertThat(settings).isNotEmpty();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (String line : settings) {
            ObjectNode current = (ObjectNode) JSON.readTree(line);
            ObjectNode older = current.deepCopy();
            older.put("relocateDuplicatesApi", !current.path("relocateDuplicatesApi").asBoolean());
            older.put("protectInbound", !current.path("protectInbound").asBoolean(true));
            byte[] key = current.path("accountId").asText().getBytes(StandardCharsets.UTF_8);
            records.add(new ProducerRecord<>(topic, key, older.toString().getBytes(StandardCharsets.UTF_8)));
            records.add(new ProducerRecord<>(topic, key, current.toString().getBytes(StandardCharsets.UTF_8)));
        }
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KafkaBroker.producerProperties(broker.bootstrapServers()))) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record);
            }
            producer.flush();
        }
    }
}
