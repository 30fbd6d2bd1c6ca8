package io.leaddedup.job.kafka;

import io.leaddedup.events.RawEvent;
import io.leaddedup.job.cli.UsageException;
import io.leaddedup.job.topology.EncodedRecord;
import io.leaddedup.job.topology.LeadDedupTopology;
import io.leaddedup.job.topology.OutputEncoding;
import io.leaddedup.job.topology.SavepointCheck;
import io.leaddedup.job.topology.SettingsFile;
import io.leaddedup.settings.StartupSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.JobListener;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * {@code lead-dedup kafka}: the production job between Kafka topics. The same main runs on this
 * machine (an embedded Flink) and when submitted to a Flink cluster from the shaded jar, where it
 * runs inside a JobManager that other teams share: it never exits the JVM, and every problem it
 * finds before the job is built fails that submission alone, with a message that names it.
 */
public final class KafkaRun {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRun.class);

    /** How long the start waits for Kafka to answer the topic check and the settings read. */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    /** Every knob of Kafka mode, validated; null where the cluster's configuration decides. */
    public record Options(
            String bootstrapServers,
            String groupId,
            Topics topics,
            Set<String> withoutInputs,
            String checkpointDir,
            Duration checkpointInterval,
            Integer parallelism,
            Integer maxParallelism,
            LeadDedupTopology.Retention retention,
            String transactionalIdPrefix,
            Duration transactionTimeout,
            String restorePath,
            Map<String, String> kafkaProperties,
            Path settingsFile,
            String startingOffsets,
            Map<String, String> flinkConfig,
            boolean metricsPort,
            boolean ownCallRoutingSource,
            Integer maxLeadRate,
            ResumePoint.Mode resume) {

        /** These options with a restore path the job found itself ({@code resume} says how it was asked). */
        Options withRestorePath(String path) {
            return new Options(bootstrapServers, groupId, topics, withoutInputs, checkpointDir, checkpointInterval,
                    parallelism, maxParallelism, retention, transactionalIdPrefix, transactionTimeout, path,
                    kafkaProperties, settingsFile, startingOffsets, flinkConfig, metricsPort, ownCallRoutingSource,
                    maxLeadRate, resume);
        }

        /** The inputs this deployment reads: input name → topic. */
        public Map<String, String> inputs() {
            Map<String, String> inputs = new LinkedHashMap<>(topics.inputsByName());
            inputs.keySet().removeAll(withoutInputs);
            return inputs;
        }
    }

    private KafkaRun() {}

    /**
     * A submission's arguments to options: Kafka mode's flags, the leading word {@code kafka}
     * optional. Anything else (no arguments, {@code --help}, another mode, an unknown or bad flag)
     * is a {@link UsageException} whose message names the problem and shows the usage.
     */
    public static Options parse(String[] args) {
        List<String> flags = new ArrayList<>(List.of(args));
        if (!flags.isEmpty() && flags.get(0).equals("kafka")) {
            flags.remove(0);
        }
        KafkaCommand command = new KafkaCommand();
        // A flag given twice takes its last value, as scripts that append overrides expect.
        CommandLine line = new CommandLine(command).setOverwrittenOptionsAllowed(true);
        String usage = line.getUsageMessage(CommandLine.Help.Ansi.OFF);
        if (flags.isEmpty()) {
            throw new UsageException("no arguments: a submission of lead-dedup needs at least --bootstrap-servers"
                    + " HOST:PORT. Nothing was submitted.\n" + usage);
        }
        String first = flags.get(0);
        if (!first.startsWith("-")) {
            throw new UsageException("unknown mode '" + first + "': a cluster runs Kafka mode, whose flags follow"
                    + " the optional word 'kafka' ('run', 'produce', 'upload-csv' and 'generate' are commands of the"
                    + " lead-dedup launcher on your machine). Nothing was submitted.\n" + usage);
        }
        try {
            line.parseArgs(flags.toArray(String[]::new));
            if (line.isUsageHelpRequested() || line.isVersionHelpRequested()) {
                throw new UsageException("--help asks for this usage; nothing was submitted.\n" + usage);
            }
            return command.options();
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage() + ". Nothing was submitted.\n" + usage);
        }
    }

    /** The job's name in Flink's web UI and REST API. */
    static final String JOB_NAME = "lead-dedup";

    /** Builds the job and runs it: returns when it ends (embedded) or once it is submitted (on a cluster). */
    public static void execute(Options options) throws Exception {
        prepare(options, UnaryOperator.identity()).execute(JOB_NAME);
    }

    /**
     * The outputs the job will write to, flag suffix → topic: every one but routing decisions in a
     * deployment without call routing, whose sink then never writes and so never needs the topic.
     */
    private static Map<String, String> requiredOutputs(Options options) {
        Map<String, String> outputs = options.topics().outputsByName();
        if (options.withoutInputs().containsAll(List.of("conversions", "routing-requests"))) {
            outputs.remove("routing-decisions");
        }
        return outputs;
    }

    /**
     * Everything before {@code execute}: the configuration resolved against the cluster's, the
     * input topics checked, the settings in force read, the job wired into an environment.
     * {@code tap} sees the raw stream before the topology (identity in production; tests inject
     * failures with it).
     */
    public static StreamExecutionEnvironment prepare(Options options, UnaryOperator<DataStream<RawEvent>> tap)
            throws Exception {
        long started = System.nanoTime();
        StreamExecutionEnvironment probe = StreamExecutionEnvironment.getExecutionEnvironment();
        boolean embedded = probe instanceof LocalStreamEnvironment;
        Configuration cluster = embedded ? new Configuration() : Configuration.fromMap(probe.getConfiguration().toMap());
        if (options.metricsPort() && !embedded) {
            throw new UsageException("--metrics-port serves metrics from an embedded Flink; a cluster's reporters are"
                    + " set in its configuration (metrics.reporter.prom.factory.class and .port in config.yaml, see"
                    + " the README's Observability). Nothing was submitted.");
        }
        JobConfiguration.Resolved configuration = JobConfiguration.resolve(options, cluster, embedded);
        SourceTopics sources = sourcesToRestore(options, configuration);
        checkLeadRateCap(options, configuration, sources);

        List<String> problems = new ArrayList<>();
        StartupSettings settings = SettingsFile.read(options.settingsFile(), reject -> problems.add(reject.detail));
        if (!problems.isEmpty()) {
            throw new UsageException("--settings " + options.settingsFile() + ": " + problems);
        }
        Map<String, String> outputs = requiredOutputs(options);
        TopicCheck.Survey survey = TopicCheck.survey(options.bootstrapServers(), options.kafkaProperties(),
                options.groupId(), options.inputs().values(), outputs.values(), STARTUP_TIMEOUT);
        Set<String> existing = survey.existing();
        problems.addAll(TopicCheck.missingInputs(options.inputs(), existing));
        problems.addAll(TopicCheck.missingOutputs(outputs, survey));
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("\n", problems) + " Nothing was submitted.");
        }
        List<String> report = new ArrayList<>();
        String resumed = null;
        // A fixed job id is Flink's own recovery at work (HA, the Kubernetes operator's last-state
        // upgrade): it restores the job's checkpoints without a restore path.
        boolean flinksOwnRecovery = cluster.contains(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID);
        String instead = null;
        String otherwise = null;
        if (configuration.restorePath() == null && !flinksOwnRecovery) {
            ResumePoint.Decision resume = resumeDecision(options, configuration, embedded, survey);
            if (resume.note() != null) {
                report.add(resume.note());
            }
            if (resume.restorePath() != null) {
                instead = resume.restorePath();
                resumed = "the newest checkpoint or savepoint of this deployment: " + resume.why();
                otherwise = " To start without that state instead: --restore none.";
            }
        } else if (options.restorePath() != null && !flinksOwnRecovery) {
            String asked = options.restorePath();
            Optional<ResumePoint.Snapshot> newer = ResumePoint.newerThanAStartFrom(asked, configuration.checkpointDir(),
                    configuration.savepointDir(), ResumePoint.Deployment.of(options), survey.inputIds());
            if (newer.isPresent()) {
                instead = newer.get().path();
                resumed = "--restore " + asked + " was this deployment's start before, and it has run since: it goes on"
                        + " from its newest checkpoint or savepoint instead of reading and writing again what came"
                        + " after " + asked + " (to start from it again on purpose, give the job a new --group-id and"
                        + " --transactional-id-prefix)";
                otherwise = " To start from " + asked + " again on purpose: a new --group-id and --transactional-id-prefix.";
            }
        }
        if (instead != null) {
            options = options.withRestorePath(instead);
            configuration = JobConfiguration.resolve(options, cluster, embedded);
            try {
                sources = sourcesToRestore(options, configuration);
                checkLeadRateCap(options, configuration, sources);
            } catch (UsageException e) {
                throw new UsageException("resuming from this deployment's newest checkpoint or savepoint, " + instead
                        + ": " + e.getMessage() + otherwise);
            }
        }
        for (String output : TopicCheck.missingButNotRefused(options.topics().outputsByName(), outputs, survey)) {
            report.add("WARNING: output topic '" + output + "' does not exist: create it before the job writes"
                    + " (lead-status and campaign-phone-counts compacted), or the broker creates it on first write"
                    + " if auto.create.topics.enable is on, uncompacted.");
        }
        String settingsLine = "settings           " + settings.describe() + " in force at start";
        if (options.inputs().containsKey("settings")) {
            SettingsTopicSnapshot.Summary snapshot = SettingsTopicSnapshot.readInto(settings,
                    options.bootstrapServers(), options.kafkaProperties(), options.topics().settings(), STARTUP_TIMEOUT);
            settingsLine = "settings           " + settings.describe() + " in force at start (" + snapshot.applied()
                    + " records of '" + options.topics().settings() + "' read to its end in " + snapshot.millis()
                    + " ms" + (snapshot.skipped() > 0 ? ", " + snapshot.skipped() + " not settings" : "") + ")";
        }
        report.add(0, "lead-dedup kafka: starting " + (embedded ? "on an embedded Flink" : "on the cluster") + " after "
                + (System.nanoTime() - started) / 1_000_000 + " ms of checks");
        report.addAll(1, describe(options, configuration, settingsLine, sources, resumed));
        for (String line : report) {
            if (line.startsWith("WARNING")) {
                LOG.warn(line);
            } else {
                LOG.info(line);
            }
            if (embedded) {
                System.err.println(line);
            }
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                configuration.forEnvironment());
        markDeployment(env, options, configuration, survey.inputIds(), configuration.restorePath());
        attach(env, options, sources, settings, tap);
        return env;
    }

    /** The Kafka sources for a restore: a savepoint taken before call routing had its own keeps one. */
    private static SourceTopics sourcesToRestore(Options options, JobConfiguration.Resolved configuration) {
        SourceTopics sources = SourceTopics.of(options.inputs());
        if (configuration.restorePath() == null) {
            return sources;
        }
        String restore = configuration.restorePath();
        List<String> uids = new ArrayList<>(LeadDedupTopology.statefulUids());
        options.topics().outputs().forEach(topic -> uids.addAll(LeadDedupTopology.sinkOperatorUids(topic)));
        SavepointCheck.checkUnlessConfigured(restore, options.flinkConfig(), uids);
        Set<String> sourcesInSavepoint = SavepointCheck.holdingState(restore,
                List.of(LeadDedupTopology.UID_KAFKA_SOURCE, LeadDedupTopology.UID_KAFKA_CALLS_SOURCE));
        SourceTopics restored = SourceTopics.forRestore(options.inputs(),
                sourcesInSavepoint.contains(LeadDedupTopology.UID_KAFKA_SOURCE),
                sourcesInSavepoint.contains(LeadDedupTopology.UID_KAFKA_CALLS_SOURCE),
                options.ownCallRoutingSource());
        if (restored.calls().isEmpty() && !sources.calls().isEmpty()) {
            LOG.warn("The savepoint was taken with one Kafka source for every topic; call routing keeps sharing it."
                    + " --own-call-routing-source gives it its own (README, Upgrade).");
        }
        return restored;
    }

    private static void checkLeadRateCap(Options options, JobConfiguration.Resolved configuration,
            SourceTopics sources) {
        // with no source of their own, the call inputs are on the events source
        if (options.maxLeadRate() != null && sources.calls().isEmpty()
                && (options.inputs().containsKey("routing-requests") || options.inputs().containsKey("conversions"))) {
            throw new UsageException("--max-lead-rate would hold back routing requests and conversions too: they share"
                    + " one source with the leads (" + String.join(", ", sources.events()) + "). "
                    + (configuration.restorePath() != null ? "Give call routing its own source with"
                            + " --own-call-routing-source (README, Upgrade), or start without the cap."
                            : "Start without the cap.") + " Nothing was submitted.");
        }
    }

    /**
     * A start with no restore path: a deployment that ran before resumes from its newest checkpoint,
     * or is warned about where it has none.
     */
    private static ResumePoint.Decision resumeDecision(Options options, JobConfiguration.Resolved configuration,
            boolean embedded, TopicCheck.Survey survey) throws IOException {
        Optional<ResumePoint.Snapshot> newest = Optional.empty();
        if (ResumePoint.wouldLook(options.resume())) {
            newest = ResumePoint.newest(configuration.checkpointDir(), configuration.savepointDir(),
                    ResumePoint.Deployment.of(options), survey.inputIds());
        }
        return ResumePoint.decide(embedded, options.resume(), survey.readBefore(), newest, options.groupId(),
                configuration.checkpointDir());
    }

    /**
     * Marks the job's checkpoint directory as this deployment's once the job has its id, so that a
     * later start finds its checkpoints. A directory that cannot be written is the checkpoints'
     * problem, reported by Flink at the first checkpoint; here it only costs the mark.
     */
    private static void markDeployment(StreamExecutionEnvironment env, Options options,
            JobConfiguration.Resolved configuration, Map<String, String> topicIds, String restoredFrom) {
        String checkpointDir = configuration.checkpointDir();
        ResumePoint.Deployment deployment = ResumePoint.Deployment.of(options);
        env.registerJobListener(new JobListener() {
            @Override
            public void onJobSubmitted(JobClient client, Throwable failure) {
                if (client == null) {
                    return;
                }
                try {
                    ResumePoint.mark(checkpointDir, client.getJobID().toHexString(), deployment, topicIds,
                            restoredFrom);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("could not mark {} for a later start to resume from: {}", checkpointDir, e.toString());
                }
            }

            @Override
            public void onJobExecuted(JobExecutionResult result, Throwable failure) {}
        });
    }

    /** The effective settings that matter when something goes wrong at 3 a.m., one per line. */
    private static List<String> describe(Options options, JobConfiguration.Resolved configuration, String settings,
            SourceTopics sources, String resumed) {
        Topics topics = options.topics();
        List<String> lines = new ArrayList<>();
        lines.add("  state backend      " + configuration.effective().getString("state.backend.type", "?")
                + ", incremental checkpoints " + configuration.effective().getString(
                        "execution.checkpointing.incremental", "false"));
        lines.add("  checkpoints        every " + configuration.checkpointInterval().toMillis() + " ms, exactly once, to "
                + configuration.checkpointDir());
        lines.add("  savepoints         " + (configuration.savepointDir() != null ? configuration.savepointDir()
                : "no default directory (execution.checkpointing.savepoint-dir)"));
        // On a resume from its own checkpoint the job's operators are the ones it snapshotted: what
        // happens to another release's operators is said only for a savepoint the operator named.
        lines.add("  restore from       " + (configuration.restorePath() != null ? configuration.restorePath()
                + (resumed != null ? " (" + resumed + "; a topic new since then starts at --starting-offsets "
                        + options.startingOffsets() + ")"
                        : " (state of operators not in this job, such as a bootstrap's file reader: " + (configuration.effective().get(
                                StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE) ? "left out" : "refused")
                        + "; topics without a restored position: --starting-offsets " + options.startingOffsets() + ")")
                : "nothing (fresh start: --starting-offsets " + options.startingOffsets() + ")"));
        lines.add("  parallelism        " + configuration.parallelism() + " (max parallelism "
                + configuration.maxParallelism() + ")");
        lines.add("  delivery           exactly once to " + topics.leadActions() + ", " + topics.leadStatus() + ", "
                + topics.campaignPhoneCounts() + ", " + topics.rejects() + " (transactional ids "
                + options.transactionalIdPrefix() + "-*, timeout " + options.transactionTimeout().toMinutes()
                + " min); at least once to " + topics.routingDecisions());
        lines.add("  inputs             " + String.join(", ", options.inputs().values())
                + (options.withoutInputs().isEmpty() ? "" : " (left out: " + String.join(", ", options.withoutInputs())
                        + ")"));
        if (options.maxLeadRate() != null) {
            lines.add("  lead rate cap      " + options.maxLeadRate() + " records/s in all on " + String.join(", ",
                    sources.events()) + (sources.calls().isEmpty() ? "" : "; call routing never held back"));
        }
        lines.add("  " + settings);
        return lines;
    }

    /**
     * Wires sources, topology and sinks into {@code env}. {@code tap} sees the raw stream before the
     * topology (identity in production; tests use it to inject failures).
     */
    static void attach(StreamExecutionEnvironment env, Options options, SourceTopics sources,
            StartupSettings initialSettings, UnaryOperator<DataStream<RawEvent>> tap) {
        Topics topics = options.topics();
        KafkaSource<RawEvent> events = source(options, sources.events(), options.groupId());
        // With a cap, a backlog of leads is read at the cap's pace and the rest of the CPU stays with
        // call routing, which reads its own source, never capped.
        DataStream<RawEvent> raw = (options.maxLeadRate() == null
                ? env.fromSource(events, WatermarkStrategy.noWatermarks(), "kafka-events")
                : env.fromSource(new RateCappedSource<>(events, options.maxLeadRate()), WatermarkStrategy.noWatermarks(),
                        "kafka-events"))
                .uid(LeadDedupTopology.UID_KAFKA_SOURCE);
        // Call routing reads its own source, so that a backlog of leads (a bulk upload, a restart
        // behind) never stands between a routing request and its answer.
        DataStream<RawEvent> calls = sources.calls().isEmpty() ? null
                : env.fromSource(source(options, sources.calls(), options.groupId() + "-calls"),
                                WatermarkStrategy.noWatermarks(), "kafka-calls")
                        .uid(LeadDedupTopology.UID_KAFKA_CALLS_SOURCE);
        LeadDedupTopology.Outputs outputs =
                LeadDedupTopology.build(tap.apply(raw), calls, initialSettings, options.retention(), false);
        OutputEncoding.Encoded encoded = OutputEncoding.encode(outputs);
        sink(encoded.leadActions(), topics.leadActions(), options, DeliveryGuarantee.EXACTLY_ONCE);
        sink(encoded.leadStatus(), topics.leadStatus(), options, DeliveryGuarantee.EXACTLY_ONCE);
        sink(encoded.campaignPhoneCounts(), topics.campaignPhoneCounts(), options, DeliveryGuarantee.EXACTLY_ONCE);
        // A router waits on this answer: it must not wait for a checkpoint. At least once, and
        // consumers dedupe on requestId.
        sink(encoded.routingDecisions(), topics.routingDecisions(), options, DeliveryGuarantee.AT_LEAST_ONCE);
        sink(encoded.rejects(), topics.rejects(), options, DeliveryGuarantee.EXACTLY_ONCE);
    }

    /**
     * Tuning first, then the client properties (which may change it), then what the job owns: a
     * properties file that names other brokers, a group or an isolation level must not point the
     * job anywhere but where its flags and start-up checks point. Both sources share the consumer
     * group, so that the offsets Kafka holds for the group cover every input topic.
     */
    private static KafkaSource<RawEvent> source(Options options, List<String> topics, String clientIdPrefix) {
        return KafkaSource.<RawEvent>builder()
                .setProperty("partition.discovery.interval.ms", "60000")
                .setProperty("fetch.max.wait.ms", "20")
                .setProperties(consumerProperties(options))
                .setBootstrapServers(options.bootstrapServers())
                .setGroupId(options.groupId())
                .setProperty("isolation.level", "read_committed")
                .setProperty("client.id.prefix", clientIdPrefix)
                .setTopics(new ArrayList<>(topics))
                .setStartingOffsets(startingOffsets(options.startingOffsets()))
                .setDeserializer(new KafkaRawEventDeserializer(options.topics().typeByInputTopic()))
                .build();
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
                .setKafkaProducerConfig(producer)
                .setBootstrapServers(options.bootstrapServers())
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(options.transactionalIdPrefix() + "-" + topic)
                .setRecordSerializer(new KafkaRecordEncoder(topic))
                .build();
        records.sinkTo(sink).uid(LeadDedupTopology.sinkUid(topic)).name("sink-" + topic);
    }

    private static Properties consumerProperties(Options options) {
        Properties properties = new Properties();
        properties.putAll(options.kafkaProperties());
        return properties;
    }

    private static OffsetsInitializer startingOffsets(String name) {
        Long timestamp = StartingOffsets.timestampOf(name);
        if (timestamp != null) {
            return OffsetsInitializer.timestamp(timestamp);
        }
        return switch (name) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            default -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }
}
