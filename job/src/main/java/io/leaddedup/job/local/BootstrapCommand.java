package io.leaddedup.job.local;

import io.leaddedup.job.cli.MetricsOptions;
import io.leaddedup.job.cli.RetentionOptions;
import io.leaddedup.job.cli.UsageException;
import io.leaddedup.job.tools.CsvUpload;
import io.leaddedup.job.topology.FlinkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lead-dedup bootstrap}: the job's state built from the leads a dialer already has. The
 * job itself runs over the export, on an embedded Flink as in local mode, and stops with a
 * savepoint once every line is read: the state is exactly what the job would hold after those
 * events, under the job's own uids, state names and serializers, and what it emitted is the plan.
 */
@Command(name = "bootstrap", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Builds the job's state from an export of the leads and dispositions a dialer already has,",
            "in the order they happened, and writes it as a savepoint to start the job from (kafka --restore or",
            "run --restore). What processing the export emitted goes to --plan-out, one JSONL file per output",
            "topic, not to the topics: the cleanup plan. The savepoint's path is the last line printed."})
public final class BootstrapCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "EXPORT.jsonl|EXPORT.csv",
            description = "events in the contract's format, one per line; or a lead upload CSV (.csv, with"
                    + " --account, --list, --campaign and --purpose, as upload-csv)")
    Path input;

    @Option(names = "--settings", paramLabel = "SETTINGS.jsonl", description = "settings in force before the first event")
    Path settings;

    @Option(names = "--savepoint-dir", required = true, paramLabel = "DIR",
            description = "where the savepoint is written (a new directory under it)")
    Path savepointDir;

    @Option(names = "--plan-out", required = true, paramLabel = "DIR",
            description = "what processing the export emitted, as 'run --out' writes it")
    Path planOut;

    @Option(names = "--parallelism", defaultValue = "2", paramLabel = "N", description = "default: ${DEFAULT-VALUE}")
    int parallelism;

    @Mixin
    RetentionOptions retention = new RetentionOptions();

    @Mixin
    CsvUpload csv = new CsvUpload();

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "a Flink configuration entry; repeatable")
    Map<String, String> flinkConfig = new LinkedHashMap<>();

    @Mixin
    MetricsOptions metrics = new MetricsOptions();

    @Override
    public Integer call() throws Exception {
        RunSummary summary = bootstrap();
        System.out.println(summary.render());
        System.out.println(summary.savepoint());
        return 0;
    }

    /** {@code bootstrap}'s arguments (the word {@code bootstrap} optional), parsed and checked. */
    public static BootstrapCommand parse(String... args) {
        String[] flags = args.length > 0 && args[0].equals("bootstrap") ? Arrays.copyOfRange(args, 1, args.length)
                : args;
        BootstrapCommand command = new BootstrapCommand();
        try {
            new CommandLine(command).setOverwrittenOptionsAllowed(true).parseArgs(flags);
            command.localRun();
            return command;
        } catch (ParameterException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Builds the savepoint and the plan; the summary names the savepoint (a local path where it is one). */
    public RunSummary bootstrap() throws Exception {
        LocalRun bootstrap = localRun();
        if (!isCsv(input)) {
            return bootstrap.execute();
        }
        Files.createDirectories(planOut);
        Path events = Files.createTempFile(planOut, "csv-export-", ".jsonl");
        try {
            csv.writeEvents(input, events);
            return bootstrap.withInput(events).execute();
        } finally {
            Files.deleteIfExists(events);
        }
    }

    LocalRun localRun() {
        if (!Files.isReadable(input)) {
            throw wrong("--input " + input + " is not a readable file");
        }
        if (isCsv(input)) {
            try {
                csv.requireChoices("a CSV export");
            } catch (RuntimeException e) {
                throw wrong(e.getMessage());
            }
        }
        if (settings != null && !Files.isReadable(settings)) {
            throw wrong("--settings " + settings + " is not a readable file");
        }
        if (parallelism < 1) {
            throw wrong("--parallelism must be a positive whole number, got " + parallelism);
        }
        if (parallelism > FlinkSettings.MAX_PARALLELISM) {
            throw wrong("--parallelism must be at most " + FlinkSettings.MAX_PARALLELISM
                    + ", the key groups of the job's state (its max parallelism), got " + parallelism);
        }
        if (Files.exists(savepointDir) && !Files.isDirectory(savepointDir)) {
            throw wrong("--savepoint-dir " + savepointDir + " is a file, not a directory");
        }
        return new LocalRun(input, settings, planOut, parallelism, retention.retention(), Duration.ofSeconds(10),
                metrics.over(flinkConfig, this::wrong), null, savepointDir, true);
    }

    private static boolean isCsv(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }


    private ParameterException wrong(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
