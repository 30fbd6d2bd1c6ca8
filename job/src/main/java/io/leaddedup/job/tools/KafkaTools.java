package io.leaddedup.job.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaddedup.events.RawEvent;
import io.leaddedup.job.topology.Utf8Lines;
import io.leaddedup.phone.PhoneKey;
import io.leaddedup.phone.PhoneNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Operator tools: {@code produce} sends a JSONL file to a topic, {@code upload-csv} turns a lead
 * upload file into {@code lead} events with {@code source: CSV}. Records are keyed by the phone
 * key ({@code accountId/E.164}) where they carry a number, so that all events of a number land in
 * one partition and keep their order.
 */
public final class KafkaTools {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaTools() {}

    static void produce(ProduceCommand command, PrintStream progress) throws IOException {
        Path file = command.file;
        String topic = command.topic;
        String region = command.producer.region;
        PhoneNormalizer normalizer = new PhoneNormalizer();
        try (KafkaProducer<byte[], byte[]> producer = producer(command.producer);
                // Each line's own bytes go out as they are: a line that is not UTF-8 is the job's to
                // reject (MALFORMED, with its offset), not a reason to stop sending the file.
                BufferedReader reader = Files.newBufferedReader(file, Utf8Lines.READ_AS)) {
            Utf8Lines utf8 = new Utf8Lines();
            Progress counter = new Progress(progress, "sent");
            String bytes;
            while ((bytes = reader.readLine()) != null) {
                RawEvent line = utf8.map(bytes);
                if (line.unreadable == null && line.text.isBlank()) {
                    continue;
                }
                String key = line.unreadable == null ? keyOf(line.text, normalizer, region)
                        : null;
                send(producer, topic, key, bytes.getBytes(Utf8Lines.READ_AS));
                failFast(topic);
                counter.tick();
            }
            producer.flush();
            checkSent(topic);
            counter.done();
        }
    }

    static void uploadCsv(UploadCsvCommand command, PrintStream progress) throws IOException {
        String account = command.upload.account();
        String topic = command.topic;
        PhoneNormalizer normalizer = new PhoneNormalizer();
        String region = command.producer.region;
        try (KafkaProducer<byte[], byte[]> producer = producer(command.producer)) {
            Progress counter = new Progress(progress, "uploaded");
            IOException[] failure = {null};
            command.upload.forEachLead(command.file, (row, lead) -> {
                if (failure[0] != null) {
                    return;
                }
                String e164 = normalizer.toE164(row.phone(), region);
                send(producer, topic, e164 == null ? null : PhoneKey.of(account, e164), lead);
                try {
                    failFast(topic);
                } catch (IOException e) {
                    failure[0] = e;
                }
                counter.tick();
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            producer.flush();
            checkSent(topic);
            counter.done();
        }
    }

    private static String keyOf(String text, PhoneNormalizer normalizer, String region) {
        try {
            JsonNode node = JSON.readTree(text);
            String account = node.path("accountId").asText(null);
            for (String field : new String[] {"phone", "callerPhone"}) {
                String e164 = normalizer.toE164(node.path(field).asText(null), region);
                if (account != null && e164 != null) {
                    return PhoneKey.of(account, e164);
                }
            }
            return account;
        } catch (IOException e) {
            return null; // the job will reject it; the tool sends what it was given
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(ProducerOptions options) {
        Properties properties = new Properties();
        properties.put("acks", "all");
        properties.put("enable.idempotence", "true");
        properties.put("linger.ms", "20");
        properties.put("compression.type", "lz4");
        properties.putAll(options.client.resolve());
        properties.put("bootstrap.servers", options.bootstrapServers);
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The first send that failed; checked after the flush, so a broken broker fails the command. */
    private static final AtomicReference<Exception> FAILURE = new AtomicReference<>();

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, String value) {
        send(producer, topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value), (metadata, error) -> {
                    if (error != null) {
                        FAILURE.compareAndSet(null, error);
                    }
                });
    }

    /** Stops at the first failed send: a broker that cannot be reached must not cost a timeout per record. */
    private static void failFast(String topic) throws IOException {
        if (FAILURE.get() != null) {
            checkSent(topic);
        }
    }

    private static void checkSent(String topic) throws IOException {
        Exception failure = FAILURE.getAndSet(null);
        if (failure != null) {
            throw new IOException("could not send to " + topic + ": " + failure.getMessage(), failure);
        }
    }

    /** One progress line, rewritten in place every 10,000 records. */
    private static final class Progress {
        private final PrintStream out;
        private final String verb;
        private final long started = System.nanoTime();
        private long count;

        Progress(PrintStream out, String verb) {
            this.out = out;
            this.verb = verb;
        }

        void tick() {
            if (++count % 10_000 == 0) {
                print('\r');
            }
        }

        void done() {
            print('\r');
            out.println();
        }

        private void print(char prefix) {
            double seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000) / 1000.0;
            out.printf(Locale.ROOT, "%c%s %,d records (%,.0f/s)", prefix, verb, count, count / seconds);
            out.flush();
        }
    }
}
