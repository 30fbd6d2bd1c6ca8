package io.leaddedup.job.bench;

import io.leaddedup.job.kafka.KafkaBroker;
import io.leaddedup.job.kafka.KafkaTestAccess;
import io.leaddedup.job.tools.LoadGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures routing-decision latency through Kafka: a steady stream of routing requests beside a
 * lead stream, from the moment a request is handed to the producer to the moment its decision is
 * read back. A measurement, not part of the suite (it asserts only that every request was
 * answered); run it with
 * {@code ./mvnw -B -pl job -am test -Dtest=RoutingLatencyProbe -Dsurefire.failIfNoSpecifiedTests=false -Dprobe=routing-latency}
 * and optionally {@code -Drequests=2000 -Dleads=2000 -Dseconds=60 -Dwarmup=30 -Dflink=KEY=VALUE,...}. {@code -Dleads=max}
 * streams leads at full speed instead: a second producer sends generated leads back to back for
 * the whole run, so the job reads a backlog of leads while it answers the requests.
 */
@EnabledIfSystemProperty(named = "probe", matches = "routing-latency")
class RoutingLatencyProbe {

    /**
     * The first requests meet a job whose code is still being compiled (on 2 cores the JIT takes
     * a core for most of the first half minute): reported apart. {@code -Dwarmup=S} to change.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("warmup", 30));

    @Test
    void measure() throws Exception {
        int requestsPerSecond = Integer.parseInt(System.getProperty("requests", "2000"));
        boolean fullSpeed = "max".equals(System.getProperty("leads"));
        int leadsPerSecond = fullSpeed ? 0 : Integer.parseInt(System.getProperty("leads", "2000"));
        int seconds = Integer.parseInt(System.getProperty("seconds", "60"));
        Path work = Files.createTempDirectory("routing-latency");
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createTopics(KafkaTestAccess.defaultInputTopics(), 2);
            broker.createTopics(KafkaTestAccess.defaultOutputTopics(), 2);
            List<String> args = new ArrayList<>(List.of("kafka", "--bootstrap-servers", broker.bootstrapServers(),
                    "--checkpoint-dir", work.resolve("cp").toString(), "--checkpoint-interval", "5s",
                    "--parallelism", "2"));
            // -Dflink=KEY=VALUE,KEY=VALUE: Flink settings to try, as the job's own -D flags
            for (String entry : System.getProperty("flink", "").split(",")) {
                if (!entry.isBlank()) {
                    args.addAll(List.of("-D", entry.trim()));
                }
            }
            JobClient job = KafkaTestAccess.start(args.toArray(String[]::new), UnaryOperator.identity());
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            List<Long> steadyLatencies = Collections.synchronizedList(new ArrayList<>());
            Map<Long, Long> worstBySecond = new ConcurrentHashMap<>();
            Thread reader = new Thread(() -> read(broker.bootstrapServers(), sentAt, latencies, steadyLatencies,
                    worstBySecond, seconds + 20));
            reader.start();
            Thread.sleep(5000); // let the job start its sources
            LoadGenerator leads = new LoadGenerator(3L, 100_000, 4, false);
            List<LoadGenerator.Event> leadEvents = leads.events(leadsPerSecond * seconds);
            FullSpeedLeads backlog = fullSpeed ? FullSpeedLeads.start(broker.bootstrapServers()) : null;
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(KafkaBroker.producerProperties(broker.bootstrapServers()))) {
                long start = System.nanoTime();
                int leadIndex = 0;
                for (int tick = 0; tick < seconds * 100; tick++) { // 10 ms ticks
                    for (int i = 0; i < leadsPerSecond / 100 && leadIndex < leadEvents.size(); i++, leadIndex++) {
                        LoadGenerator.Event e = leadEvents.get(leadIndex);
                        producer.send(new ProducerRecord<>("leads", e.key().getBytes(StandardCharsets.UTF_8),
                                e.json().getBytes(StandardCharsets.UTF_8)));
                    }
                    for (int i = 0; i < Math.max(1, requestsPerSecond / 100); i++) {
                        String id = "req-" + tick + "-" + i;
                        String caller = "+1404555" + String.format("%04d", (tick * 7 + i) % 10_000);
                        sentAt.put(id, System.nanoTime());
                        producer.send(new ProducerRecord<>("routing-requests", caller.getBytes(StandardCharsets.UTF_8),
                                ("{\"requestId\":\"" + id + "\",\"accountId\":\"acct-0\",\"campaignId\":\"c\","
                                        + "\"callerPhone\":\"" + caller + "\",\"kind\":\"RTB\",\"candidateBuyers\":"
                                        + "[\"b1\",\"b2\"],\"receivedAt\":" + System.currentTimeMillis() + "}")
                                        .getBytes(StandardCharsets.UTF_8)));
                    }
                    producer.flush();
                    long next = start + (tick + 1) * 10_000_000L;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    }
                }
            }
            reader.join();
            long leadsSent = backlog == null ? (long) leadsPerSecond * seconds : backlog.stop();
            // When the slow answers were asked: spikes every checkpoint interval point at checkpoints.
            StringBuilder worst = new StringBuilder("worst latency per second (ms):");
            new java.util.TreeMap<>(worstBySecond).values().forEach(v -> worst.append(' ').append(v / 1_000_000));
            System.out.println(worst);
            job.cancel().get();
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            List<Long> steady = new ArrayList<>(steadyLatencies);
            Collections.sort(steady);
            org.assertj.core.api.Assertions.assertThat(sentAt).as("requests left unanswered").isEmpty();
            System.out.printf(Locale.ROOT, "routing decisions: %d of %d requests answered (%d requests/s beside %s; "
                    + "%,d leads sent)%n  all:                   p50 %.1f ms, p99 %.1f ms, max %.1f ms%n"
                    + "  after %d s of warm-up: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    latencies.size(), sentAt.size() + latencies.size(), requestsPerSecond,
                    fullSpeed ? "leads at full speed" : leadsPerSecond + " leads/s", leadsSent,
                    percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 1.0),
                    WARM_UP.toSeconds(), percentile(steady, 0.50), percentile(steady, 0.99), percentile(steady, 1.0));
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private static void read(String servers, Map<String, Long> sentAt, List<Long> latencies,
            List<Long> steadyLatencies, Map<Long, Long> worstBySecond, int seconds) {
        long steadyFrom = System.nanoTime() + WARM_UP.toNanos() + Duration.ofSeconds(5).toNanos();
        Properties properties = new Properties();
        properties.put("bootstrap.servers", servers);
        properties.put("group.id", "latency-probe");
        properties.put("auto.offset.reset", "earliest");
        properties.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        properties.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        properties.put("fetch.max.wait.ms", "5");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of("routing-decisions"));
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(5))) {
                    Long sent = sentAt.remove(record.key());
                    if (sent != null) {
                        long latency = System.nanoTime() - sent;
                        latencies.add(latency);
                        worstBySecond.merge(sent / 1_000_000_000L, latency, Math::max);
                        if (sent >= steadyFrom) {
                            steadyLatencies.add(latency);
                        }
                    }
                }
            }
        }
    }

    /** Leads sent back to back by a producer of their own until stopped. */
    private static final class FullSpeedLeads {
        private final Thread thread;
        private volatile boolean stopped;
        private long sent;

        private FullSpeedLeads(String servers) {
            thread = new Thread(() -> {
                try (KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(KafkaBroker.producerProperties(servers))) {
                    new LoadGenerator(5L, 2_000_000, 4, false).events(Integer.MAX_VALUE, e -> {
                        if (stopped) {
                            throw new Stopped();
                        }
                        producer.send(new ProducerRecord<>("leads", e.key().getBytes(StandardCharsets.UTF_8),
                                e.json().getBytes(StandardCharsets.UTF_8)));
                        sent++;
                    });
                } catch (Stopped done) {
                    // the run is over
                }
            }, "full-speed-leads");
        }

        static FullSpeedLeads start(String servers) {
            FullSpeedLeads leads = new FullSpeedLeads(servers);
            leads.thread.start();
            return leads;
        }

        long stop() throws InterruptedException {
            stopped = true;
            thread.join();
            return sent;
        }

        private static final class Stopped extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Stopped() {
                super(null, null, false, false);
            }
        }
    }
}
