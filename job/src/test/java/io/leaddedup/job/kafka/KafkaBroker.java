package io.leaddedup.job.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller) in its own JVM on 127.0.0.1,
 * started from the Maven Central jars on the test classpath: free ports, a temporary log
 * directory, stopped (and restartable) by process. No Docker, no mock.
 */
public final class KafkaBroker implements AutoCloseable {

    private final Path dir;
    private final Path config;
    private final int port;
    private Process process;

    private KafkaBroker(Path dir, int port, Path config) {
        this.dir = dir;
        this.port = port;
        this.config = config;
    }

    public static KafkaBroker start() throws Exception {
        Path dir = Files.createTempDirectory("lead-dedup-kafka");
        int port = LocalServers.freePort();
        int controllerPort = LocalServers.freePort();
        Path config = dir.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=2",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                ""), StandardCharsets.UTF_8);
        run(dir.resolve("format.log"), "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", config.toString()).waitFor(60, TimeUnit.SECONDS);
        KafkaBroker broker = new KafkaBroker(dir, port, config);
        broker.startProcess();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public void createTopics(Collection<String> topics, int partitions) throws Exception {
        List<NewTopic> newTopics = new ArrayList<>();
        for (String topic : topics) {
            newTopics.add(new NewTopic(topic, partitions, (short) 1));
        }
        try (Admin admin = admin()) {
            admin.createTopics(newTopics).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Stops the broker process (SIGTERM, as an operator would) and waits for it. */
    /**
     * Drops a consumer group and its committed offsets, as the broker does after {@code
     * offsets.retention.minutes} without commits. The group must have no members: a Flink Kafka
     * source assigns its partitions itself, so a stopped job leaves none.
     */
    public void deleteConsumerGroup(String groupId) throws Exception {
        try (Admin admin = admin()) {
            admin.deleteConsumerGroups(java.util.List.of(groupId)).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException)) {
                throw e;
            }
        }
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        process = null;
    }

    /** Starts the stopped broker again on the same port and data. */
    public void restart() throws Exception {
        stop();
        startProcess();
    }

    private void startProcess() throws Exception {
        process = run(dir.resolve("broker.log"), "kafka.Kafka", config.toString());
        awaitReady(Duration.ofSeconds(90));
    }

    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited; see " + dir.resolve("broker.log"));
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("Kafka broker not ready after " + timeout + "; see " + dir.resolve("broker.log"),
                last);
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    private static Process run(Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseParallelGC", "-cp", testClasspath(), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /**
     * The broker's classpath. Surefire hides the test classpath behind a manifest jar and publishes
     * the real one in {@code surefire.test.class.path}; the bench, whose own classpath has no broker,
     * names the file the job's build wrote ({@code job/target/broker-classpath.txt}).
     */
    public static String testClasspath() {
        String file = System.getProperty("lead-dedup.broker-classpath-file");
        if (file != null) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("no broker classpath at " + file
                        + " (written by the job's build: ./mvnw -B -DskipTests package)", e);
            }
        }
        String classpath = System.getProperty("surefire.test.class.path");
        if (classpath != null) {
            return classpath;
        }
        return System.getProperty("java.class.path");
    }

    @Override
    public void close() throws Exception {
        stop();
        LocalServers.deleteTree(dir);
    }

    /** A consumer of text records in group {@code groupId}, from the earliest offset where the group has none. */
    public static Properties consumerProperties(String bootstrapServers, String groupId) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("group.id", groupId);
        properties.put("auto.offset.reset", "earliest");
        properties.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        properties.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        return properties;
    }

    public static Properties producerProperties(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("acks", "all");
        properties.put("linger.ms", "5");
        properties.put("enable.idempotence", "true");
        // One request in flight: under a loaded 2-core machine, five in flight were seen to reach
        // the broker out of order (OutOfOrderSequenceException) and stall the test's producer.
        properties.put("max.in.flight.requests.per.connection", "1");
        properties.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        properties.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        return properties;
    }
}
