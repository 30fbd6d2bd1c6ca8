package io.leaddedup.job.kafka;

import io.leaddedup.job.cli.DurationConverter;
import io.leaddedup.job.cli.KafkaClientOptions;
import io.leaddedup.job.cli.MetricsOptions;
import io.leaddedup.job.cli.RetentionOptions;
import io.leaddedup.job.cli.UsageException;
import io.leaddedup.job.topology.SavepointCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lead-dedup kafka}'s flags; on a cluster the same flags are the job's arguments. */
@Command(name = "kafka", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"The production job between Kafka topics. On this machine it runs on an embedded Flink;",
            "on a cluster, submit the job jar with these flags (entry class io.leaddedup.job.LeadDedupMain,",
            "the word 'kafka' optional). What no flag sets comes from the cluster's configuration."})
public final class KafkaCommand implements Callable<Integer> {

    /** {@code --restore none}: start without state even where the deployment has run before. */
    static final String RESTORE_NONE = "none";

    /** {@code --restore latest}: this deployment's newest checkpoint, even where the group has committed nothing. */
    static final String RESTORE_LATEST = "latest";

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Kafka brokers")
    String bootstrapServers;

    @Option(names = "--group-id", defaultValue = "lead-dedup", description = "consumer group (default: ${DEFAULT-VALUE})")
    String groupId;

    @Option(names = "--own-call-routing-source", description = {"with --restore of a savepoint taken before call"
        + " routing had a source of its own: give it one now; it starts where the consumer group's committed offsets"
        + " stand on the conversions and routing-requests topics (README, Upgrade)"})
    boolean ownCallRoutingSource;

    @Option(names = "--starting-offsets", defaultValue = "committed", paramLabel = "committed|earliest|latest|timestamp:T",
            description = "where reading starts when no Kafka position is restored (default: ${DEFAULT-VALUE}, else"
                    + " earliest); timestamp:T, T an ISO-8601 instant or epoch ms, starts at the first record at or"
                    + " after T, e.g. after a bootstrap's export")
    String startingOffsets;

    @Option(names = "--max-lead-rate", paramLabel = "N", description = {"read leads and dispositions at no more than"
        + " N records per second in all (split evenly over the source's subtasks), so that a backlog leaves CPU to"
        + " call routing; routing requests and conversions are never held back (default: no cap)"})
    Integer maxLeadRate;

    @Option(names = "--without-inputs", split = ",", paramLabel = "INPUT",
            description = "inputs this deployment does not use: leads, phone-dispositions, conversions,"
                    + " routing-requests, settings")
    List<String> withoutInputs = new ArrayList<>();

    @Option(names = "--topic-leads", defaultValue = "leads", paramLabel = "TOPIC",
            description = "input: leads (a record with a type may be any event) (default: ${DEFAULT-VALUE})")
    String topicLeads;
    @Option(names = "--topic-phone-dispositions", defaultValue = "phone-dispositions", paramLabel = "TOPIC",
            description = "input: phone dispositions (default: ${DEFAULT-VALUE})")
    String topicPhoneDispositions;
    @Option(names = "--topic-conversions", defaultValue = "conversions", paramLabel = "TOPIC",
            description = "input: conversions (call routing) (default: ${DEFAULT-VALUE})")
    String topicConversions;
    @Option(names = "--topic-routing-requests", defaultValue = "routing-requests", paramLabel = "TOPIC",
            description = "input: routing requests (call routing) (default: ${DEFAULT-VALUE})")
    String topicRoutingRequests;
    @Option(names = "--topic-settings", defaultValue = "dedup-settings", paramLabel = "TOPIC",
            description = "input: account, campaign and buyer settings (compacted), read to its end at start"
                    + " (default: ${DEFAULT-VALUE})")
    String topicSettings;
    @Option(names = "--topic-lead-actions", defaultValue = "lead-actions", paramLabel = "TOPIC",
            description = "output: lead actions (exactly once) (default: ${DEFAULT-VALUE})")
    String topicLeadActions;
    @Option(names = "--topic-lead-status", defaultValue = "lead-status", paramLabel = "TOPIC",
            description = "output: lead status, latest per lead (compacted, exactly once)"
                    + " (default: ${DEFAULT-VALUE})")
    String topicLeadStatus;
    @Option(names = "--topic-campaign-phone-counts", defaultValue = "campaign-phone-counts", paramLabel = "TOPIC",
            description = "output: campaign phone counts, latest per key (compacted, exactly once)"
                    + " (default: ${DEFAULT-VALUE})")
    String topicCampaignPhoneCounts;
    @Option(names = "--topic-routing-decisions", defaultValue = "routing-decisions", paramLabel = "TOPIC",
            description = "output: routing decisions (at least once, low latency) (default: ${DEFAULT-VALUE})")
    String topicRoutingDecisions;
    @Option(names = "--topic-rejects", defaultValue = "rejects", paramLabel = "TOPIC",
            description = "output: rejected input with its reason (exactly once) (default: ${DEFAULT-VALUE})")
    String topicRejects;

    @Option(names = "--checkpoint-dir", paramLabel = "URI",
            description = "checkpoint directory (default: the cluster's execution.checkpointing.dir;"
                    + " embedded: lead-dedup/checkpoints in java.io.tmpdir)")
    String checkpointDir;

    @Option(names = "--checkpoint-interval", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "checkpoint interval (default: the cluster's, else 10s)")
    Duration checkpointInterval;

    @Option(names = "--transaction-timeout", converter = DurationConverter.class, defaultValue = "15m",
            paramLabel = "DURATION", description = "the producers' transaction.timeout.ms (default: ${DEFAULT-VALUE})")
    Duration transactionTimeout;

    @Option(names = "--transactional-id-prefix", defaultValue = "lead-dedup",
            description = "prefix of the sinks' transactional ids (default: ${DEFAULT-VALUE})")
    String transactionalIdPrefix;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "parallelism (default: the cluster's: REST, flink run -p, the operator; embedded: 2)")
    Integer parallelism;

    @Option(names = "--max-parallelism", paramLabel = "N",
            description = "key groups, the most the job can be rescaled to (default: the cluster's, else 128)")
    Integer maxParallelism;

    @Mixin
    RetentionOptions retention = new RetentionOptions();

    @Option(names = "--settings", paramLabel = "FILE", description = "settings in force before the first event")
    Path settingsFile;

    @Option(names = "--restore", paramLabel = "PATH|latest|none", description = {"a savepoint or retained checkpoint"
            + " to start from; 'latest': this deployment's newest checkpoint under the checkpoint directory, or"
            + " savepoint under the savepoint directory (a first"
            + " start when there is none); 'none': start without state. Without it, a deployment that ran before on"
            + " these topics (its consumer group's committed offsets, or a snapshot on the same topic ids) resumes"
            + " as with 'latest', here or on a cluster"})
    String restorePath;

    @Mixin
    KafkaClientOptions client = new KafkaClientOptions();

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "a Flink configuration entry; repeatable")
    Map<String, String> flinkConfig = new LinkedHashMap<>();

    @Mixin
    MetricsOptions metrics = new MetricsOptions();

    @Override
    public Integer call() throws Exception {
        KafkaRun.Options options = options();
        List<String> transactionalIds = options.topics().exactlyOnceOutputs().stream()
                .map(topic -> options.transactionalIdPrefix() + "-" + topic).toList();
        try (DeploymentLock lock = DeploymentLock.acquire(options.bootstrapServers(), transactionalIds)) {
            StreamExecutionEnvironment job = KafkaRun.prepare(options, UnaryOperator.identity());
            // Ctrl-C or SIGTERM ends the embedded job with the JVM; one line says that nothing is lost.
            // (Only this launcher's JVM, once a job exists: on a cluster main runs in a shared
            // JobManager and adds no hook.)
            Thread stopped = new Thread(() -> System.err.println("lead-dedup kafka: stopped. Its state is in its"
                    + " checkpoints: started again with the same flags, it goes on from the newest one (output it"
                    + " had not committed yet is written then, once)."), "lead-dedup-stopped");
            Runtime.getRuntime().addShutdownHook(stopped);
            try {
                job.execute(KafkaRun.JOB_NAME);
            } catch (Exception e) {
                if (stopping(stopped)) {
                    return 0; // the job was ended by the signal: the hook has said so, no stack trace
                }
                throw e;
            }
            stopping(stopped);
        }
        return 0;
    }

    /** Whether the JVM is shutting down; removes the hook where it is not. */
    private static boolean stopping(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
    }

    /** The flags, checked: each problem names its flag. */
    KafkaRun.Options options() {
        for (String server : bootstrapServers.split(",")) {
            if (!server.trim().matches("[^:\\s]+:\\d{1,5}")) {
                throw wrong("--bootstrap-servers must be HOST:PORT[,HOST:PORT...], got '" + bootstrapServers + "'");
            }
        }
        if (parallelism != null && parallelism < 1) {
            throw wrong("--parallelism must be a positive whole number, got " + parallelism);
        }
        if (maxParallelism != null && (maxParallelism < 1 || (parallelism != null && maxParallelism < parallelism))) {
            throw wrong("--max-parallelism (" + maxParallelism + ") must be positive and not below --parallelism");
        }
        if (transactionalIdPrefix.isBlank()) {
            throw wrong("--transactional-id-prefix must not be blank");
        }
        if (!List.of("committed", "earliest", "latest").contains(startingOffsets)
                && StartingOffsets.timestampOf(startingOffsets) == null) {
            throw wrong("--starting-offsets must be committed, earliest, latest or timestamp:T (T an ISO-8601 instant"
                    + " such as 2026-11-30T00:00:00Z, or epoch milliseconds), got '" + startingOffsets + "'");
        }
        if (settingsFile != null && !Files.isReadable(settingsFile)) {
            throw wrong("--settings " + settingsFile + " is not a readable file");
        }
        if (client.propertiesFile != null && !Files.isReadable(client.propertiesFile)) {
            throw wrong("--kafka-properties-file " + client.propertiesFile + " is not a readable file");
        }
        Topics topics;
        try {
            topics = Topics.from(this::topicFlag);
        } catch (UsageException e) {
            throw wrong(e.getMessage());
        }
        Set<String> without = new LinkedHashSet<>();
        for (String input : withoutInputs) {
            String name = input.trim();
            if (!topics.inputsByName().containsKey(name)) {
                throw wrong("--without-inputs takes " + String.join(", ", topics.inputsByName().keySet())
                        + "; got '" + name + "'");
            }
            without.add(name);
        }
        if (without.size() == topics.inputsByName().size()) {
            throw wrong("--without-inputs leaves no input to read");
        }
        if (maxLeadRate != null && maxLeadRate < 1) {
            throw wrong("--max-lead-rate must be at least 1 record per second, not " + maxLeadRate);
        }
        String checkpoints = checkpointDir;
        if (checkpoints != null && !checkpoints.contains("://") && !checkpoints.startsWith("file:")) {
            checkpoints = Path.of(checkpoints).toAbsolutePath().toUri().toString();
        }
        ResumePoint.Mode resume = RESTORE_NONE.equals(restorePath) ? ResumePoint.Mode.NONE
                : RESTORE_LATEST.equals(restorePath) ? ResumePoint.Mode.LATEST : ResumePoint.Mode.AUTO;
        return new KafkaRun.Options(bootstrapServers, groupId, topics, without, checkpoints, checkpointInterval,
                parallelism, maxParallelism,
                retention.retention(),
                transactionalIdPrefix, transactionTimeout,
                resume == ResumePoint.Mode.AUTO ? SavepointCheck.located(restorePath, this::wrong) : null,
                client.resolve(), settingsFile,
                startingOffsets, Map.copyOf(metrics.over(flinkConfig, this::wrong)), metrics.requested(),
                ownCallRoutingSource, maxLeadRate, resume);
    }

    private String topicFlag(String flag) {
        return switch (flag) {
            case "topic-leads" -> topicLeads;
            case "topic-phone-dispositions" -> topicPhoneDispositions;
            case "topic-conversions" -> topicConversions;
            case "topic-routing-requests" -> topicRoutingRequests;
            case "topic-settings" -> topicSettings;
            case "topic-lead-actions" -> topicLeadActions;
            case "topic-lead-status" -> topicLeadStatus;
            case "topic-campaign-phone-counts" -> topicCampaignPhoneCounts;
            case "topic-routing-decisions" -> topicRoutingDecisions;
            case "topic-rejects" -> topicRejects;
            default -> throw new IllegalArgumentException(flag);
        };
    }

    private ParameterException wrong(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
