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

    @Option(names = "--scale-leads", paramLabel = "N", description = {"after the rounds, run the full job once more",
        "on this many leads (as many numbers per lead) and report its throughput against the rounds' median",
        "(default: 10 x --leads; 0 to skip)"})
    Integer scaleLeads;

    @Option(names = "--managed-memory", defaultValue = "256m", paramLabel = "SIZE", description = {
        "RocksDB's managed memory for every contender (taskmanager.memory.managed.size; default: ${DEFAULT-VALUE})"})
    String managedMemory;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = {"Flink configuration for every contender of the",
        "rounds, the scale run and the routing run, over the job's own tuning (say, a RocksDB option to measure);",
        "repeatable"})
    java.util.Map<String, String> flinkConfiguration = new java.util.LinkedHashMap<>();

    @Option(names = "--routing-latency", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"measure routing decisions' latency through a real broker while leads stream",
                "(default: ${DEFAULT-VALUE}; --no-routing-latency to skip)"})
    boolean routingLatency;

    @Option(names = "--routing-requests", defaultValue = "2000", paramLabel = "N",
            description = "routing requests per second (default: ${DEFAULT-VALUE})")
    int routingRequests;

    @Option(names = "--routing-leads", defaultValue = "max", paramLabel = "N|max|backlog:N",
            description = {"leads per second beside them; max: back to back; backlog:N: N leads in the topic before",
                "the job starts, none sent during the run (default: ${DEFAULT-VALUE})"})
    String routingLeads;

    @Option(names = "--routing-max-lead-rate", paramLabel = "N",
            description = "the job's --max-lead-rate in the routing run (default: none)")
    Integer routingMaxLeadRate;

    @Option(names = "--routing-warmup", defaultValue = "30", paramLabel = "SECONDS",
            description = "requests sent first and reported apart (default: ${DEFAULT-VALUE})")
    int routingWarmup;

    @Option(names = "--routing-seconds", defaultValue = "60", paramLabel = "SECONDS",
            description = "requests measured after the warm-up (default: ${DEFAULT-VALUE})")
    int routingSeconds;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the summary as JSON")
    Path json;

    int phones() {
        return phones != null ? phones : Math.max(1, leads * 2 / 5);
    }

    int warmupLeads() {
        return warmupLeads != null ? warmupLeads : Math.min(leads, 300_000);
    }

    int scaleLeads() {
        return scaleLeads != null ? scaleLeads : (int) Math.min(Integer.MAX_VALUE, 10L * leads);
    }

    RoutingLatency.Load routingLoad() {
        boolean backlog = routingLeads.startsWith("backlog:");
        int leadsPerSecond = backlog || routingLeads.equals("max") ? 0 : Integer.parseInt(routingLeads);
        int backlogLeads = backlog ? Integer.parseInt(routingLeads.substring("backlog:".length())) : 0;
        return new RoutingLatency.Load(routingRequests, leadsPerSecond, backlogLeads,
                java.time.Duration.ofSeconds(routingWarmup),
                java.time.Duration.ofSeconds(routingSeconds), parallelism, routingMaxLeadRate,
                new java.util.TreeMap<>(flinkConfiguration));
    }

    void check() {
        if (leads < 1 || phones() < 1 || rounds < 1 || parallelism < 1 || warmupLeads() < 0 || normalizerInputs < 1
                || scaleLeads() < 0) {
            throw new IllegalArgumentException("--leads, --phones, --rounds, --parallelism and --normalizer-inputs must"
                    + " be positive, --warmup-leads and --scale-leads at least 0");
        }
        if (!managedMemory.matches("\\d+\\s*[kmgKMG]?[bB]?")) {
            throw new IllegalArgumentException("--managed-memory: a size such as 256m or 1g, not " + managedMemory);
        }
        if (routingRequests < 100 || routingWarmup < 0 || routingSeconds < 1
                || (routingMaxLeadRate != null && routingMaxLeadRate < 1)
                || !routingLeads.matches("max|[1-9]\\d{2,8}|backlog:[1-9]\\d{0,8}")) {
            throw new IllegalArgumentException("--routing-requests must be at least 100, --routing-leads max, at"
                    + " least 100 or backlog:N, --routing-max-lead-rate at least 1, --routing-warmup at least 0 and"
                    + " --routing-seconds at least 1");
        }
    }
}
