package io.leaddedup.job.local;

import io.leaddedup.events.RawEvent;
import io.leaddedup.job.cli.UsageException;
import io.leaddedup.job.topology.EncodedRecord;
import io.leaddedup.job.topology.FlinkSettings;
import io.leaddedup.job.topology.LeadDedupTopology;
import io.leaddedup.job.topology.OutputEncoding;
import io.leaddedup.job.topology.OutputJson;
import io.leaddedup.job.topology.SavepointCheck;
import io.leaddedup.job.topology.SettingsFile;
import io.leaddedup.job.topology.Utf8Lines;
import io.leaddedup.settings.StartupSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code lead-dedup run}: the production topology on an embedded Flink (MiniCluster, RocksDB,
 * checkpoints) over files instead of topics. One JSONL file per output topic in {@code --out}.
 */
public final class LocalRun {

    /** The output files, named after the topics they stand for. */
    public static final String LEAD_ACTIONS = "lead-actions.jsonl";
    public static final String LEAD_STATUS = "lead-status.jsonl";
    public static final String CAMPAIGN_PHONE_COUNTS = "campaign-phone-counts.jsonl";
    public static final String ROUTING_DECISIONS = "routing-decisions.jsonl";
    public static final String REJECTS = "rejects.jsonl";
    public static final List<String> OUTPUT_FILES =
            List.of(LEAD_ACTIONS, LEAD_STATUS, CAMPAIGN_PHONE_COUNTS, ROUTING_DECISIONS, REJECTS);

    private final Path input;
    private final Path settingsFile;
    private final Path out;
    private final int parallelism;
    private final LeadDedupTopology.Retention retention;
    private final Duration checkpointInterval;
    private final Map<String, String> flinkConfig;
    /** A savepoint to start from, or null for empty state. */
    private final String restorePath;
    /** Bootstrap: where the savepoint goes once the input is read; null to run to the end of the input. */
    private final Path savepointDir;
    private final boolean showProgress;

    LocalRun(Path input, Path settingsFile, Path out, int parallelism, LeadDedupTopology.Retention retention,
            Duration checkpointInterval, Map<String, String> flinkConfig, String restorePath, Path savepointDir,
            boolean showProgress) {
        this.input = input;
        this.settingsFile = settingsFile;
        this.out = out;
        this.parallelism = parallelism;
        this.retention = retention;
        this.checkpointInterval = checkpointInterval;
        this.flinkConfig = Map.copyOf(flinkConfig);
        this.restorePath = restorePath;
        this.savepointDir = savepointDir;
        this.showProgress = showProgress;
    }

    /** The same run over another file (a bootstrap's CSV export, turned into events). */
    LocalRun withInput(Path events) {
        return new LocalRun(events, settingsFile, out, parallelism, retention, checkpointInterval, flinkConfig,
                restorePath, savepointDir, showProgress);
    }

    /** {@code run}'s arguments (the word {@code run} optional) to a run; a wrong one is a {@link UsageException}. */
    public static LocalRun fromArgs(String[] args) {
        String[] flags = args.length > 0 && args[0].equals("run") ? java.util.Arrays.copyOfRange(args, 1, args.length)
                : args;
        RunCommand command = new RunCommand();
        try {
            new picocli.CommandLine(command).setOverwrittenOptionsAllowed(true).parseArgs(flags);
            return command.localRun();
        } catch (picocli.CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Runs the job over the input and returns the summary of what it wrote. A run ends with its
     * input; a bootstrap ({@code savepointDir} set) stops with a savepoint once its input is read.
     */
    public RunSummary execute() throws Exception {
        long started = System.nanoTime();
        prepareOutputDirectory();
        StartSettings start = readSettings();
        StartupSettings initialSettings = start.book();
        long settingsRejects = start.rejected();

        Path checkpoints = Files.createTempDirectory("lead-dedup-checkpoints");
        Configuration conf = FlinkSettings.forJob(checkpoints.toUri().toString(), checkpointInterval, parallelism);
        conf.setString("restart-strategy.type", "none");
        conf.setString("taskmanager.memory.managed.size", "256m");
        if (savepointDir != null) {
            // Nothing to recover to (no restarts): the one snapshot a bootstrap needs is its savepoint.
            conf.removeConfig(CheckpointingOptions.CHECKPOINTING_INTERVAL);
        }
        if (restorePath != null) {
            SavepointCheck.checkUnlessConfigured(restorePath, flinkConfig, LeadDedupTopology.statefulUids());
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restorePath);
            // A bootstrap's savepoint also holds its export reader's position, which this run does not read.
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        }
        conf.addAll(Configuration.fromMap(flinkConfig));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);

        ReadProgress progress = ReadProgress.register(input, savepointDir != null ? ReadProgress.countLines(input) : -1);
        FileSource.FileSourceBuilder<String> source = FileSource.forRecordStreamFormat(
                new TextLineInputFormat(Utf8Lines.READ_AS.name()),
                new org.apache.flink.core.fs.Path(input.toAbsolutePath().toUri()));
        // The default enumerator skips files whose names start with '.' or '_' as hidden: the file
        // named on the command line is read whatever its name.
        source.setFileEnumerator(() -> new NonSplittingRecursiveEnumerator(path -> true));
        if (savepointDir != null) {
            // Never finished: a finished task's state is not in a savepoint. The driver stops the job
            // with one once every line is read.
            source.monitorContinuously(Duration.ofMillis(200));
        }
        // One file is one split: a single reader keeps the file's order.
        DataStream<RawEvent> raw = env
                .fromSource(source.build(), WatermarkStrategy.noWatermarks(), "events-file")
                .setParallelism(1)
                .uid(savepointDir != null ? LeadDedupTopology.UID_EXPORT_FILE : LeadDedupTopology.UID_EVENTS_FILE)
                .map(progress.counter())
                .setParallelism(1)
                .name("lines-read")
                .map(new Utf8Lines(), TypeInformation.of(RawEvent.class))
                .setParallelism(1)
                .name("raw-events")
                .filter(event -> event.unreadable != null || !event.text.isBlank())
                .setParallelism(1);

        LeadDedupTopology.Outputs outputs = LeadDedupTopology.build(raw, null, initialSettings, retention, true);
        OutputEncoding.Encoded encoded = OutputEncoding.encode(outputs);
        Path parts = Files.createTempDirectory(out, ".parts");
        sinkToFile(encoded.leadActions(), parts, LEAD_ACTIONS);
        sinkToFile(encoded.leadStatus(), parts, LEAD_STATUS);
        sinkToFile(encoded.campaignPhoneCounts(), parts, CAMPAIGN_PHONE_COUNTS);
        sinkToFile(encoded.routingDecisions(), parts, ROUTING_DECISIONS);
        sinkToFile(encoded.rejects(), parts, REJECTS);

        CheckpointSizeWatch stateSize = CheckpointSizeWatch.start(checkpoints);
        ProgressLine line = showProgress ? ProgressLine.start(progress, savepointDir != null ? "bootstrap" : "run")
                : null;
        long checkpointBytes;
        String savepoint = null;
        Map<String, Object> counters;
        try {
            if (savepointDir == null) {
                counters = env.execute("lead-dedup local").getAllAccumulatorResults();
            } else {
                Stopped stopped = runToSavepoint(env, progress);
                savepoint = stopped.savepoint();
                counters = stopped.counters();
            }
        } finally {
            checkpointBytes = stateSize.stop();
            if (line != null) {
                line.stop();
            }
            progress.unregister();
        }
        for (String file : OUTPUT_FILES) {
            JsonLinesFileSink.mergeParts(parts, file, out.resolve(file));
        }
        Files.delete(parts);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        deleteQuietly(checkpoints);
        if (savepoint != null) {
            // A local directory is named as a path, as people type it and scripts pass it on.
            String location = savepoint.startsWith("file:") ? Path.of(URI.create(savepoint)).toString() : savepoint;
            return RunSummary.of(counters, settingsRejects, out, elapsed, CheckpointSizeWatch.sizeOf(Path.of(location)),
                    location);
        }
        return RunSummary.of(counters, settingsRejects, out, elapsed, checkpointBytes, null);
    }

    /** A bootstrap job stopped with its savepoint, and its counters. */
    private record Stopped(String savepoint, Map<String, Object> counters) {}

    /**
     * Starts the job, waits until the reader has handed on every line, and stops the job with a
     * savepoint. The savepoint's barrier leaves the reader after the last line, so every stage
     * snapshots its state with every line processed, and every output of those lines is written.
     */
    private Stopped runToSavepoint(StreamExecutionEnvironment env, ReadProgress progress) throws Exception {
        JobClient job = env.executeAsync("lead-dedup bootstrap");
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        while (!progress.allRead()) {
            if (result.isDone()) {
                result.get(); // the job failed: its cause is the bootstrap's
                throw new IllegalStateException("the bootstrap job ended before it read its input");
            }
            Thread.sleep(50);
        }
        Files.createDirectories(savepointDir);
        String target = savepointDir.toAbsolutePath().toUri().toString();
        // A short input can be read before every task is deployed; Flink refuses a savepoint until
        // then, so the request is repeated while the job runs.
        long giveUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                String savepoint = job.stopWithSavepoint(false, target, SavepointFormatType.CANONICAL).get();
                return new Stopped(savepoint, result.get().getAllAccumulatorResults());
            } catch (ExecutionException e) {
                if (result.isDone() || System.nanoTime() > giveUp) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /** Written where the records are made: no extra hop, one part file per subtask. */
    private static void sinkToFile(DataStream<EncodedRecord> records, Path parts, String file) {
        records.sinkTo(new JsonLinesFileSink(parts, file)).setParallelism(records.getParallelism()).name(file);
    }

    /** Fresh, empty output files: a run's output is its own, never appended to an earlier run's. */
    private void prepareOutputDirectory() throws IOException {
        Files.createDirectories(out);
        for (String file : OUTPUT_FILES) {
            Files.write(out.resolve(file), new byte[0]);
        }
    }

    /** The {@code --settings} file's book, and how many of its lines were rejected. */
    private record StartSettings(StartupSettings book, long rejected) {}

    /** Settings in force before the first event; a bad line is rejected like any bad input. */
    private StartSettings readSettings() throws IOException {
        OutputJson json = new OutputJson();
        try (BufferedWriter rejects = Files.newBufferedWriter(out.resolve(REJECTS), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND)) {
            IOException[] failure = {null};
            long[] rejected = {0};
            StartupSettings book = SettingsFile.read(settingsFile, reject -> {
                rejected[0]++;
                try {
                    rejects.write(new String(json.reject(reject), StandardCharsets.UTF_8));
                    rejects.newLine();
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            return new StartSettings(book, rejected[0]);
        }
    }

    /** Removes a directory tree, as far as it can. */
    public static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // Flink may still be discarding an old checkpoint while we walk the directory; a
            // leftover temp directory is not worth failing a finished run for.
        }
    }
}
