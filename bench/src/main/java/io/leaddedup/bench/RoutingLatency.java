package io.leaddedup.bench;

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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Routing decisions' latency through a real broker, as a call router sees it: from the moment a
 * request is handed to the producer to the moment its decision is read back, at a steady request
 * rate, while leads stream beside them (at a fixed rate, or back to back from a producer of their
 * own: the job then reads a backlog of leads while it answers). The job runs in Kafka mode, as on
 * a cluster, with a 5 s checkpoint interval; the broker is a JVM of its own.
 */
final class RoutingLatency {

    /**
     * What to send. {@code backlogLeads} above 0: that many leads are in the topic before the job
     * starts (a cold start against a backlog) and none are sent during the run; otherwise
     * {@code leadsPerSecond} are sent beside the requests, 0 meaning back to back. {@code maxLeadRate},
     * if set, is the job's {@code --max-lead-rate}; {@code flinkConfiguration}, its {@code -D} entries.
     */
    record Load(int requestsPerSecond, int leadsPerSecond, int backlogLeads, Duration warmUp, Duration measured,
            int parallelism, Integer maxLeadRate, Map<String, String> flinkConfiguration) {
        boolean leadsAtFullSpeed() {
            return backlogLeads == 0 && leadsPerSecond == 0;
        }

        int leadsPerSecondBeside() {
            return backlogLeads > 0 ? 0 : leadsPerSecond;
        }

        String describe() {
            return requestsPerSecond + " requests/s beside " + (backlogLeads > 0
                    ? String.format(Locale.ROOT, "a backlog of %,d leads read from the start", backlogLeads)
                    : leadsAtFullSpeed() ? "leads at full speed" : leadsPerSecond + " leads/s")
                    + (maxLeadRate == null ? "" : ", the job capped at " + maxLeadRate + " leads/s");
        }
    }

    /** Latency percentiles in milliseconds. */
    record Percentiles(double p50, double p99, double max) {
        static Percentiles of(List<Long> nanos) {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            return new Percentiles(at(sorted, 0.50), at(sorted, 0.99), at(sorted, 1.0));
        }

        private static double at(List<Long> sorted, double p) {
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
            return Math.round(sorted.get(Math.max(0, index)) / 1e5) / 10.0;
        }

        String describe() {
            return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms", p50, p99, max);
        }
    }

    /**
     * {@code steady}: requests sent after the warm-up (the first ones meet a job whose code is still
     * being compiled: on 2 cores the JIT takes a core for most of the first half minute).
     * {@code worstBySecondMs}: the slowest answer to the requests sent in each second; spikes every
     * checkpoint interval point at checkpoints. {@code leadsReadPerSecondMeasured}: how fast the job
     * read leads while the steady latencies were measured, from its consumer group's offsets
     * committed at checkpoints; near 0 means the backlog was read before, and the latencies are
     * those of an idle job.
     */
    record Result(int requested, int answered, long leadsSent, Percentiles all, Percentiles steady,
            List<Long> worstBySecondMs, long leadsReadPerSecondMeasured) {}

    /** The job's consumer group: its default, which the run leaves as it is. */
    private static final String JOB_GROUP = "lead-dedup";

    private RoutingLatency() {}

    static Result measure(Load load) throws Exception {
        Path work = Files.createTempDirectory("lead-dedup-routing-latency");
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createTopics(KafkaTestAccess.defaultInputTopics(), 2);
            broker.createTopics(KafkaTestAccess.defaultOutputTopics(), 2);
            if (load.backlogLeads() > 0) {
                produceBacklog(broker.bootstrapServers(), load.backlogLeads());
            }
            List<String> args = new ArrayList<>(List.of("kafka", "--bootstrap-servers", broker.bootstrapServers(),
                    "--checkpoint-dir", work.resolve("cp").toString(), "--checkpoint-interval", "5s",
                    "--parallelism", Integer.toString(load.parallelism())));
            if (load.maxLeadRate() != null) {
                args.addAll(List.of("--max-lead-rate", load.maxLeadRate().toString()));
            }
            load.flinkConfiguration().forEach((key, value) -> args.addAll(List.of("-D", key + "=" + value)));
            JobClient job = KafkaTestAccess.start(args.toArray(String[]::new), UnaryOperator.identity());
            try {
                return measure(load, broker.bootstrapServers());
            } finally {
                job.cancel().get();
            }
        } finally {
            io.leaddedup.job.local.LocalRun.deleteQuietly(work);
        }
    }

    private static Result measure(Load load, String servers) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Long> steady = Collections.synchronizedList(new ArrayList<>());
        Map<Long, Long> worstBySecond = new ConcurrentHashMap<>();
        long seconds = load.warmUp().toSeconds() + load.measured().toSeconds();
        AtomicLong steadyFrom = new AtomicLong(Long.MAX_VALUE);
        AtomicBoolean allSent = new AtomicBoolean();
        Thread reader = new Thread(() -> read(servers, sentAt, latencies, steady, steadyFrom, allSent, worstBySecond,
                Duration.ofSeconds(seconds + 30)), "routing-decisions-reader");
        reader.start();
        Thread.sleep(5000); // let the job start its sources
        List<LoadGenerator.Event> leadEvents =
                new LoadGenerator(3L, 100_000, 4, false).events((int) (load.leadsPerSecondBeside() * seconds));
        FullSpeedLeads backlog = load.leadsAtFullSpeed() ? FullSpeedLeads.start(servers) : null;
        int requested = 0;
        LeadsRead leadsRead = new LeadsRead(servers, load.warmUp());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaBroker.producerProperties(servers))) {
            long start = System.nanoTime();
            steadyFrom.set(start + load.warmUp().toNanos());
            int leadIndex = 0;
            for (int tick = 0; tick < seconds * 100; tick++) { // 10 ms ticks
                for (int i = 0; i < load.leadsPerSecondBeside() / 100 && leadIndex < leadEvents.size();
                        i++, leadIndex++) {
                    LoadGenerator.Event e = leadEvents.get(leadIndex);
                    producer.send(new ProducerRecord<>("leads", bytes(e.key()), bytes(e.json())));
                }
                for (int i = 0; i < Math.max(1, load.requestsPerSecond() / 100); i++, requested++) {
                    String id = "req-" + tick + "-" + i;
                    String caller = "+1404555" + String.format(Locale.ROOT, "%04d", (tick * 7 + i) % 10_000);
                    sentAt.put(id, System.nanoTime());
                    producer.send(new ProducerRecord<>("routing-requests", bytes(caller), bytes(
                            "{\"requestId\":\"" + id + "\",\"accountId\":\"acct-0\",\"campaignId\":\"c\","
                                    + "\"callerPhone\":\"" + caller + "\",\"kind\":\"RTB\",\"candidateBuyers\":"
                                    + "[\"b1\",\"b2\"],\"receivedAt\":" + System.currentTimeMillis() + "}")));
                }
                producer.flush();
                long sleep = start + (tick + 1) * 10_000_000L - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
        } finally {
            allSent.set(true);
            reader.join();
        }
        long leadsReadPerSecond = leadsRead.perSecondSinceWarmUp(load.measured());
        long leadsSent = backlog != null ? backlog.stop() : load.backlogLeads() > 0 ? load.backlogLeads()
                : leadEvents.size();
        List<Long> worst = new ArrayList<>();
        new TreeMap<>(worstBySecond).values().forEach(nanos -> worst.add(nanos / 1_000_000));
        return new Result(requested, latencies.size(), leadsSent, Percentiles.of(latencies), Percentiles.of(steady),
                worst, leadsReadPerSecond);
    }

    /**
     * How fast the job reads leads, from the offsets its consumer group commits at each checkpoint:
     * sampled at the end of the warm-up and at the end, on a thread of its own so that the requests'
     * schedule never waits for the broker. Each end is as old as the last checkpoint (5 s at most),
     * so over 60 s the rate is within about 8%. -1 when a sample failed (the figure is only context).
     */
    private static final class LeadsRead {
        private final String servers;
        private final Thread atWarmUpEnd;
        private volatile long atSteady = -1;

        LeadsRead(String servers, Duration warmUp) {
            this.servers = servers;
            atWarmUpEnd = new Thread(() -> {
                try {
                    Thread.sleep(warmUp.toMillis());
                    atSteady = sample();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "routing-latency-leads-read");
            atWarmUpEnd.setDaemon(true);
            atWarmUpEnd.start();
        }

        long perSecondSinceWarmUp(Duration measured) throws InterruptedException {
            atWarmUpEnd.join();
            long atEnd = sample();
            return atSteady < 0 || atEnd < 0 ? -1 : Math.max(0, atEnd - atSteady) / Math.max(1, measured.toSeconds());
        }

        private long sample() {
            try (Admin admin = Admin.create(KafkaBroker.consumerProperties(servers, "routing-latency-admin"))) {
                return admin.listConsumerGroupOffsets(JOB_GROUP).partitionsToOffsetAndMetadata()
                        .get(30, java.util.concurrent.TimeUnit.SECONDS).entrySet().stream()
                        .filter(entry -> entry.getKey().topic().equals("leads") && entry.getValue() != null)
                        .mapToLong(entry -> entry.getValue().offset())
                        .sum();
            } catch (Exception e) {
                System.err.println("routing latency: could not read the job's committed offsets: " + e);
                return -1;
            }
        }
    }

    private static void produceBacklog(String servers, int leads) {
        Properties properties = KafkaBroker.producerProperties(servers);
        properties.put("linger.ms", "20");
        properties.put("batch.size", Integer.toString(256 * 1024));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            new LoadGenerator(5L, 2_000_000, 4, false).events(leads, e -> producer.send(
                    new ProducerRecord<>("leads", bytes(e.key()), bytes(e.json()))));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void read(String servers, Map<String, Long> sentAt, List<Long> latencies, List<Long> steady,
            AtomicLong steadyFrom, AtomicBoolean allSent, Map<Long, Long> worstBySecond, Duration timeout) {
        Properties properties = KafkaBroker.consumerProperties(servers, "routing-latency");
        properties.put("fetch.max.wait.ms", "5");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of("routing-decisions"));
            long deadline = System.nanoTime() + timeout.toNanos();
            // until every request sent is answered, or the time is up
            while (System.nanoTime() < deadline && !(allSent.get() && sentAt.isEmpty())) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(5))) {
                    Long sent = sentAt.remove(record.key());
                    if (sent != null) {
                        long latency = System.nanoTime() - sent;
                        latencies.add(latency);
                        worstBySecond.merge(sent / 1_000_000_000L, latency, Math::max);
                        if (sent >= steadyFrom.get()) {
                            steady.add(latency);
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
                        producer.send(new ProducerRecord<>("leads", bytes(e.key()), bytes(e.json())));
                        sent++;
                    });
                } catch (Stopped done) {
                    // the run is over
                }
            }, "full-speed-leads");
            thread.setDaemon(true); // never keeps the bench's JVM up if the run fails
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
