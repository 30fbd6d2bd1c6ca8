package io.leaddedup.job;

import io.leaddedup.events.RawEvent;
import io.leaddedup.settings.SettingsBook;
import io.leaddedup.state.StateRetention;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * {@code lead-dedup kafka}: the production job between Kafka topics. The same main runs on this
 * machine (an embedded Flink) and when submitted to a Flink cluster from the shaded jar.
 */
public final class KafkaRun {

    static final String USAGE = "lead-dedup kafka --bootstrap-servers HOST:PORT[,HOST:PORT...] [flags]\n"
            + "                (see README.md, \"Kafka mode\", for every flag)";

    /** The broker's default transaction.max.timeout.ms; the producer's timeout must not exceed it. */
    static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private static final Set<String> FLAGS = flags();

    private static Set<String> flags() {
        Set<String> flags = new HashSet<>(Set.of("bootstrap-servers", "group-id", "checkpoint-dir",
                "checkpoint-interval", "state-ttl", "conversion-retention", "parallelism", "max-parallelism",
                "transactional-id-prefix", "transaction-timeout", "restore", "kafka-property", "settings",
                "starting-offsets"));
        flags.addAll(Topics.DEFAULTS.keySet());
        return Set.copyOf(flags);
    }

    /** Every knob of Kafka mode, validated. */
    record Options(
            String bootstrapServers,
            String groupId,
            Topics topics,
            String checkpointDir,
            Duration checkpointInterval,
            int parallelism,
            int maxParallelism,
            LeadDedupTopology.Retention retention,
            String transactionalIdPrefix,
            Duration transactionTimeout,
            String restorePath,
            Map<String, String> kafkaProperties,
            Path settingsFile,
            String startingOffsets) {}

    private KafkaRun() {}

    static Options parse(String[] args) {
        CommandLine line = CommandLine.parse(args, 1, FLAGS, Set.of());
        String servers = line.required("bootstrap-servers");
        for (String server : servers.split(",")) {
            if (!server.trim().matches("[^:\\s]+:\\d{1,5}")) {
                throw new CommandLine.UsageException(
                        "--bootstrap-servers must be HOST:PORT[,HOST:PORT...], got '" + servers + "'");
            }
        }
        Duration interval = line.duration("checkpoint-interval", Duration.ofSeconds(10));
        Duration transactionTimeout = line.duration("transaction-timeout", DEFAULT_TRANSACTION_TIMEOUT);
        if (interval.toMillis() < 100) {
            throw new CommandLine.UsageException("--checkpoint-interval must be at least 100ms, got " + interval);
        }
        if (transactionTimeout.compareTo(interval.multipliedBy(3)) < 0) {
            throw new CommandLine.UsageException("--transaction-timeout (" + transactionTimeout
                    + ") must be at least three checkpoint intervals (" + interval + "), or transactions of a "
                    + "slow checkpoint would be aborted by the broker");
        }
        int parallelism = line.positiveInt("parallelism", 2);
        int maxParallelism = line.positiveInt("max-parallelism", 128);
        if (maxParallelism < parallelism) {
            throw new CommandLine.UsageException("--max-parallelism (" + maxParallelism
                    + ") must not be below --parallelism (" + parallelism + ")");
        }
        String prefix = line.optional("transactional-id-prefix", "lead-dedup");
        if (prefix.isBlank()) {
            throw new CommandLine.UsageException("--transactional-id-prefix must not be blank");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (String property : line.all("kafka-property")) {
            int eq = property.indexOf('=');
            if (eq <= 0) {
                throw new CommandLine.UsageException("--kafka-property must be KEY=VALUE, got '" + property + "'");
            }
            properties.put(property.substring(0, eq).trim(), property.substring(eq + 1).trim());
        }
        String offsets = line.optional("starting-offsets", "committed");
        if (!List.of("committed", "earliest", "latest").contains(offsets)) {
            throw new CommandLine.UsageException(
                    "--starting-offsets must be committed, earliest or latest, got '" + offsets + "'");
        }
        String settings = line.optional("settings", null);
        Path settingsFile = settings == null ? null : Path.of(settings);
        if (settingsFile != null && !Files.isReadable(settingsFile)) {
            throw new CommandLine.UsageException("--settings " + settingsFile + " is not a readable file");
        }
        String checkpointDir = line.optional("checkpoint-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "lead-dedup", "checkpoints").toUri().toString());
        if (!checkpointDir.contains("://") && !checkpointDir.startsWith("file:")) {
            checkpointDir = Path.of(checkpointDir).toAbsolutePath().toUri().toString();
        }
        return new Options(servers, line.optional("group-id", "lead-dedup"), Topics.from(line), checkpointDir,
                interval, parallelism, maxParallelism,
                new LeadDedupTopology.Retention(
                        StateRetention.of(line.duration("state-ttl", StateRetention.DEFAULT)),
                        StateRetention.of(line.duration("conversion-retention", StateRetention.DEFAULT_CONVERSIONS))),
                prefix, transactionTimeout, line.optional("restore", null), properties, settingsFile, offsets);
    }

    /** The Flink configuration of the job: RocksDB, exactly-once checkpoints, restarts, restore. */
    static Configuration configuration(Options options) {
        Configuration conf = FlinkSettings.forJob(options.checkpointDir(), options.checkpointInterval(),
                options.parallelism());
        conf.setString("pipeline.max-parallelism", Integer.toString(options.maxParallelism()));
        conf.setString("restart-strategy.type", "exponential-delay");
        conf.setString("restart-strategy.exponential-delay.initial-backoff", "1 s");
        conf.setString("restart-strategy.exponential-delay.max-backoff", "1 min");
        // A router waits on each decision: flush network buffers within a millisecond rather than
        // the default 100 ms per hop. Measured with RoutingLatencyProbe at 2,000 requests/s: p50
        // 15 ms at 5 ms, 3.5 ms at 1 ms (p99 15 ms). Under load, buffers fill before it anyway.
        conf.setString("execution.buffer-timeout.interval", "1 ms");
        if (options.restorePath() != null) {
            conf.setString("execution.state-recovery.path", options.restorePath());
        }
        return conf;
    }

    /**
     * Wires sources, topology and sinks into {@code env}. {@code tap} sees the raw stream before the
     * topology (identity in production; tests use it to inject failures).
     */
    static void attach(StreamExecutionEnvironment env, Options options, SettingsBook initialSettings,
            UnaryOperator<DataStream<RawEvent>> tap) {
        Topics topics = options.topics();
        KafkaSource<RawEvent> source = KafkaSource.<RawEvent>builder()
                .setBootstrapServers(options.bootstrapServers())
                .setGroupId(options.groupId())
                .setTopics(topics.inputs())
                .setStartingOffsets(startingOffsets(options.startingOffsets()))
                .setDeserializer(new KafkaRawEventDeserializer(topics.typeByInputTopic()))
                .setProperty("isolation.level", "read_committed")
                .setProperty("partition.discovery.interval.ms", "60000")
                .setProperty("fetch.max.wait.ms", "20")
                .setProperty("client.id.prefix", options.groupId())
                .setProperties(consumerProperties(options))
                .build();
        DataStream<RawEvent> raw = env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka-events")
                .uid("source-kafka-events");
        LeadDedupTopology.Outputs outputs =
                LeadDedupTopology.build(tap.apply(raw), initialSettings, options.retention(), false);
        OutputEncoding.Encoded encoded = OutputEncoding.encode(outputs);
        sink(encoded.leadActions(), topics.leadActions(), options, DeliveryGuarantee.EXACTLY_ONCE);
        sink(encoded.leadStatus(), topics.leadStatus(), options, DeliveryGuarantee.EXACTLY_ONCE);
        sink(encoded.campaignPhoneCounts(), topics.campaignPhoneCounts(), options, DeliveryGuarantee.EXACTLY_ONCE);
        // A router waits on this answer: it must not wait for a checkpoint. At least once, and
        // consumers dedupe on requestId.
        sink(encoded.routingDecisions(), topics.routingDecisions(), options, DeliveryGuarantee.AT_LEAST_ONCE);
        sink(encoded.rejects(), topics.rejects(), options, DeliveryGuarantee.EXACTLY_ONCE);
    }

    private static void sink(DataStream<EncodedRecord> records, String topic, Options options,
            DeliveryGuarantee guarantee) {
        Properties producer = new Properties();
        producer.putAll(options.kafkaProperties());
        producer.setProperty("transaction.timeout.ms", Long.toString(options.transactionTimeout().toMillis()));
        if (guarantee == DeliveryGuarantee.AT_LEAST_ONCE) {
            producer.setProperty("linger.ms", "0");
        }
        KafkaSink<EncodedRecord> sink = KafkaSink.<EncodedRecord>builder()
                .setBootstrapServers(options.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(options.transactionalIdPrefix() + "-" + topic)
                .setRecordSerializer(new KafkaRecordEncoder(topic))
                .build();
        records.sinkTo(sink).uid("sink-" + topic).name("sink-" + topic);
    }

    private static Properties consumerProperties(Options options) {
        Properties properties = new Properties();
        properties.putAll(options.kafkaProperties());
        return properties;
    }

    private static OffsetsInitializer startingOffsets(String name) {
        return switch (name) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            default -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }

    /** Builds and submits the job; returns when it ends (locally) or once submitted (on a cluster). */
    static void execute(String[] args) throws Exception {
        Options options = parse(args);
        List<String> settingsProblems = new ArrayList<>();
        SettingsBook settings = SettingsFile.read(options.settingsFile(), reject -> settingsProblems.add(reject.detail));
        if (!settingsProblems.isEmpty()) {
            throw new CommandLine.UsageException("--settings " + options.settingsFile() + ": " + settingsProblems);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration(options));
        attach(env, options, settings, UnaryOperator.identity());
        env.execute("lead-dedup");
    }

}
