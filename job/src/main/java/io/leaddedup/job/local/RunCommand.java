package io.leaddedup.job.local;

import io.leaddedup.job.cli.DurationConverter;
import io.leaddedup.job.cli.MetricsOptions;
import io.leaddedup.job.cli.RetentionOptions;
import io.leaddedup.job.topology.FlinkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import io.leaddedup.job.topology.SavepointCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lead-dedup run}: local mode's flags. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Runs the whole job on an embedded Flink (RocksDB, checkpoints) over files:",
            "one JSON event per line in, one JSONL file per output topic in --out, and a summary."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "EVENTS.jsonl", description = "events, one per line, each with type")
    Path input;

    @Option(names = "--settings", paramLabel = "SETTINGS.jsonl", description = "settings in force before the first event")
    Path settings;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--parallelism", defaultValue = "2", paramLabel = "N", description = "default: ${DEFAULT-VALUE}")
    int parallelism;

    @Mixin
    RetentionOptions retention = new RetentionOptions();

    @Option(names = "--checkpoint-interval", converter = DurationConverter.class, defaultValue = "2s",
            paramLabel = "DURATION", description = "default: ${DEFAULT-VALUE}")
    Duration checkpointInterval;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "a Flink configuration entry; repeatable")
    Map<String, String> flinkConfig = new LinkedHashMap<>();

    @Mixin
    MetricsOptions metrics = new MetricsOptions();

    @Option(names = "--restore", paramLabel = "SAVEPOINT",
            description = "start from a savepoint, as 'bootstrap' writes one (its path, or the path it printed)")
    String restore;

    @Option(names = "--progress", negatable = true, paramLabel = "",
            description = "a progress line every few seconds (default: when standard error is a terminal)")
    Boolean progress;

    @Override
    public Integer call() throws Exception {
        RunSummary summary = localRun().execute();
        System.out.println(summary.render());
        return 0;
    }

    LocalRun localRun() {
        if (!Files.isReadable(input)) {
            throw wrong("--input " + input + " is not a readable file");
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
        if (checkpointInterval.toMillis() < 10) {
            throw wrong("--checkpoint-interval must be at least 10ms");
        }
        return new LocalRun(input, settings, out, parallelism, retention.retention(),
                checkpointInterval, metrics.over(flinkConfig, this::wrong), SavepointCheck.located(restore, this::wrong),
                null,
                progress != null ? progress : stderrIsATerminal());
    }


    /**
     * Whether the progress line (written to stderr) would reach a person: the launcher tests stderr
     * itself ({@code [[ -t 2 ]]}), which Java 17 cannot; without the launcher, whether this JVM has
     * a console (stdin and stdout on a terminal).
     */
    private static boolean stderrIsATerminal() {
        String launcher = System.getProperty(STDERR_TERMINAL);
        return launcher != null ? Boolean.parseBoolean(launcher) : System.console() != null;
    }

    /** Set by the launcher script: whether its stderr is a terminal. */
    static final String STDERR_TERMINAL = "lead-dedup.stderr-terminal";

    ParameterException wrong(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
