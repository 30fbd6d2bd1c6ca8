package io.leaddedup.bench;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lead-dedup bench}'s flags; {@code --jmh} hands every argument after it to JMH instead. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Runs the full job, Flink SQL keep-last dedup and a bare DataStream keep-last on the same",
            "generated data, alternating in one process, and prints every run, the medians and the ratios.",
            "'lead-dedup bench --jmh [JMH flags]' runs the JMH micro-benchmarks instead."})
final class BenchOptions {

    @Option(names = "--leads", defaultValue = "1000000", paramLabel = "N", description = "default: ${DEFAULT-VALUE}")
    int leads;

    @Option(names = "--phones", paramLabel = "N", description = "distinct numbers (default: 2/5 of the leads)")
    Integer phones;

    @Option(names = "--rounds", defaultValue = "2", paramLabel = "N", description = "default: ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--parallelism", defaultValue = "2", paramLabel = "N", description = "default: ${DEFAULT-VALUE}")
    int parallelism;

    @Option(names = "--warmup-leads", paramLabel = "N",
            description = "leads of the unreported warm-up slice (default: min(leads, 300000); 0 to skip)")
    Integer warmupLeads;

    @Option(names = "--normalizer-inputs", defaultValue = "1000000", paramLabel = "N",
            description = "inputs of the normalizer comparison (default: ${DEFAULT-VALUE})")
    int normalizerInputs;

    @Option(names = "--metrics-cost", description = {"also run the full job with its domain metrics off, right before",
        "or after each run with them (the order alternates by round), and report what they cost"})
    boolean metricsCost;

    @Option(names = "--peers", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "run the SQL and DataStream peers (default: ${DEFAULT-VALUE}; --no-peers for --metrics-cost alone)")
    boolean peers;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the summary as JSON")
    Path json;

    int phones() {
        return phones != null ? phones : Math.max(1, leads * 2 / 5);
    }

    int warmupLeads() {
        return warmupLeads != null ? warmupLeads : Math.min(leads, 300_000);
    }

    void check() {
        if (leads < 1 || phones() < 1 || rounds < 1 || parallelism < 1 || warmupLeads() < 0 || normalizerInputs < 1) {
            throw new IllegalArgumentException("--leads, --phones, --rounds, --parallelism and --normalizer-inputs must"
                    + " be positive, --warmup-leads at least 0");
        }
    }
}
