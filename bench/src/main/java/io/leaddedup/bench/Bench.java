package io.leaddedup.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leaddedup.job.local.LocalRun;
import io.leaddedup.job.local.RunSummary;
import io.leaddedup.job.tools.LoadGenerator;
import io.leaddedup.job.topology.FlinkSettings;
import io.leaddedup.metrics.DomainMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * {@code lead-dedup bench}: the full job against the SQL a team would write to do the phone stage's
 * work, Flink's own keep-last deduplication (SQL, planned as Flink's Deduplicate operator) and a
 * bare DataStream keep-last function, on the same generated leads, same state backend and
 * checkpointing, alternating in one process. Reports throughput as
 * ratios against the peers, the normalizer's speed-up over plain libphonenumber, and the state's
 * size per lead.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        int first = args.length > 0 && args[0].equals("bench") ? 1 : 0;
        if (args.length > first && args[first].equals("--jmh")) {
            // The micro-benchmarks of the normalizer and the deciders; the rest are JMH's own flags.
            org.openjdk.jmh.Main.main(java.util.Arrays.copyOfRange(args, first + 1, args.length));
            return;
        }
        picocli.CommandLine line = new picocli.CommandLine(new BenchOptions());
        try {
            line.parseArgs(withoutCommandWord(args));
        } catch (picocli.CommandLine.ParameterException e) {
            System.err.println("lead-dedup bench: " + e.getMessage());
            line.usage(System.err);
            System.exit(2);
        }
        if (line.isUsageHelpRequested()) {
            line.usage(System.out);
            return;
        }
        run(args);
        // Flink's MiniCluster leaves non-daemon threads behind; the summary is out, so end here.
        System.exit(0);
    }

    /** Runs the bench as {@code args} say, prints it, writes {@code --json} if given; returns the summary. */
    static ObjectNode run(String[] args) throws Exception {
        BenchOptions options = new BenchOptions();
        new picocli.CommandLine(options).parseArgs(withoutCommandWord(args));
        options.check();
        int leads = options.leads;
        int phones = options.phones();
        int rounds = options.rounds;
        int parallelism = options.parallelism;
        Path json = options.json;

        Path work = Files.createTempDirectory("lead-dedup-bench");
        Setup setup = new Setup(work.resolve("settings.jsonl"), work, parallelism, options.managedMemory.trim(),
                Collections.unmodifiableSortedMap(new java.util.TreeMap<>(options.flinkConfiguration)));
        LoadGenerator generator = new LoadGenerator(42L, phones, 4, true);
        Path input = work.resolve("events.jsonl");
        long events = generator.writeEvents(leads, input);
        Files.write(setup.settings(), generator.settings());
        System.out.printf(Locale.ROOT, "bench: %,d events (%,d leads over %,d numbers), parallelism %d, %d rounds,"
                + " managed memory %s%s%n", events, leads, phones, parallelism, rounds, setup.managedMemory(),
                setup.flinkConfiguration().isEmpty() ? "" : ", " + setup.flinkConfiguration());

        // A fresh JVM is far from its steady speed: in a cold 1M-lead run of 68 s the C2 compiler
        // alone took 18 s of CPU on this 2-core machine, and back-to-back runs in one JVM kept getting
        // faster for about two runs. The peers' code paths are smaller and warm sooner. So every
        // contender first runs on a slice of its own, unreported: the full job twice, the peers once.
        int warmupLeads = options.warmupLeads();
        if (warmupLeads > 0) {
            Path warmup = work.resolve("warmup.jsonl");
            new LoadGenerator(7L, Math.max(1, warmupLeads * 2 / 5), 4, true).writeEvents(warmupLeads, warmup);
            setup.fullJob(warmup, true);
            setup.fullJob(warmup, true);
            if (options.metricsCost) {
                setup.fullJob(warmup, false);
            }
            if (options.peers) {
                DedupPeers.sqlSameWork(warmup, Files.createTempDirectory(work, "sql-warmup"), setup.configuration());
                DedupPeers.sqlKeepLast(warmup, setup.configuration());
                DedupPeers.dataStreamKeepLast(warmup, setup.configuration());
            }
            Files.delete(warmup);
            System.out.printf(Locale.ROOT, "  warm-up on %,d leads done (not counted)%n", warmupLeads);
        }

        List<Double> full = new ArrayList<>();
        List<Double> sql = new ArrayList<>();
        List<Double> sameWork = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        Map<String, Map<String, Double>> busy = new java.util.LinkedHashMap<>();
        // where the full job's CPU went, per event, by kind of thread (Linux only)
        Map<String, Map<String, Double>> cpu = new java.util.LinkedHashMap<>();
        long normalizerCalls = 0;
        MetricsCost metricsCost = new MetricsCost();
        long stateBytes = 0;
        long activeLeads = 0;
        for (int round = 1; round <= rounds; round++) {
            // with --metrics-cost, the job without metrics runs first in every other round, so that
            // neither variant always follows the same neighbour
            boolean withoutFirst = options.metricsCost && round % 2 == 0;
            if (withoutFirst) {
                metricsCost.measureWithout(round, () -> setup.fullJob(input, false), events);
            }
            BusyTime.reset();
            ThreadCpu threads = ThreadCpu.available() ? ThreadCpu.start() : null;
            JobRun run = JobRun.of(() -> setup.fullJob(input, true));
            busy.put("fullJob", BusyTime.sharesOf(run.summary().elapsed().toMillis()));
            if (threads != null) {
                cpu.put("fullJob", threads.stop(events));
            }
            full.add(events / seconds(run.summary().elapsed()));
            metricsCost.with(run, events);
            stateBytes = run.summary().stateBytes();
            activeLeads = run.summary().leads();
            report(round, "full job", events, run.summary().elapsed());
            if (options.metricsCost && !withoutFirst) {
                metricsCost.measureWithout(round, () -> setup.fullJob(input, false), events);
            }
            if (!options.peers) {
                continue;
            }
            long callsBefore = DedupPeers.E164.CALLS.get();
            runPeer(round, "SQL same work", "sqlSameWork", sameWork, busy, events, () -> DedupPeers.sqlSameWork(
                    input, Files.createTempDirectory(work, "sql-out"), setup.configuration()));
            // how often the planner's plan calls the normalizer: once per phone and mobile is the least
            normalizerCalls = DedupPeers.E164.CALLS.get() - callsBefore;
            runPeer(round, "SQL keep-last dedup", "sqlDedup", sql, busy, events,
                    () -> DedupPeers.sqlKeepLast(input, setup.configuration()));
            runPeer(round, "DataStream keep-last", "dataStreamDedup", bare, busy, events,
                    () -> DedupPeers.dataStreamKeepLast(input, setup.configuration()));
        }
        ScaleRun scale = options.scaleLeads() == 0 ? null
                : ScaleRun.run(setup, options.scaleLeads(), Math.max(1, Math.round((double) phones * options.scaleLeads()
                        / leads)), median(full));
        RoutingLatency.Result routing = null;
        if (options.routingLatency) {
            System.out.printf(Locale.ROOT, "routing latency: %s, %d s of warm-up, then %d s measured...%n",
                    options.routingLoad().describe(), options.routingWarmup, options.routingSeconds);
            routing = RoutingLatency.measure(options.routingLoad());
            System.out.printf(Locale.ROOT, "  %d of %d requests answered, %,d leads sent; after the warm-up: %s"
                    + " (whole run: %s), the job reading %,d leads/s meanwhile%n  worst latency per second (ms): %s%n",
                    routing.answered(), routing.requested(), routing.leadsSent(), routing.steady().describe(),
                    routing.all().describe(), routing.leadsReadPerSecondMeasured(), routing.worstBySecondMs());
        }
        NormalizerComparison normalizer = NormalizerComparison.run(
                options.normalizerInputs, 3);

        Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("events", events);
        result.put("leads", leads);
        result.put("phones", phones);
        result.put("parallelism", parallelism);
        result.put("rounds", rounds);
        result.put("warmupLeads", warmupLeads);
        result.put("managedMemory", setup.managedMemory());
        result.put("flinkConfiguration", setup.flinkConfiguration());
        result.put("fullJobRunsEventsPerSec", full.stream().map(Math::round).toList());
        result.put("fullJobEventsPerSec", Math.round(median(full)));
        if (options.peers) {
            result.put("sqlSameWorkRunsEventsPerSec", sameWork.stream().map(Math::round).toList());
            result.put("sqlSameWorkEventsPerSec", Math.round(median(sameWork)));
            result.put("ratioVsSqlSameWork", round(median(full) / median(sameWork)));
            result.put("sqlSameWorkNormalizerCalls", normalizerCalls);
            result.put("sqlDedupRunsEventsPerSec", sql.stream().map(Math::round).toList());
            result.put("sqlDedupEventsPerSec", Math.round(median(sql)));
            result.put("dataStreamDedupEventsPerSec", Math.round(median(bare)));
            result.put("ratioVsSqlDedup", round(median(full) / median(sql)));
            result.put("ratioVsDataStreamDedup", round(median(full) / median(bare)));
            System.out.printf(Locale.ROOT, "medians: full job %,d events/s, SQL same work %,d events/s (ratio %.2f), "
                            + "SQL dedup %,d events/s (ratio %.2f), DataStream dedup %,d events/s (ratio %.2f)%n",
                    Math.round(median(full)), Math.round(median(sameWork)), median(full) / median(sameWork),
                    Math.round(median(sql)), median(full) / median(sql),
                    Math.round(median(bare)), median(full) / median(bare));
        }
        if (options.metricsCost) {
            metricsCost.report(result);
        }
        if (scale != null) {
            scale.report(result);
            busy.put("fullJobAtScale", scale.busy());
            if (scale.cpu() != null) {
                cpu.put("fullJobAtScale", scale.cpu());
            }
        }
        if (routing != null) {
            result.put("routingRequestsPerSec", options.routingRequests);
            result.put("routingLeadsPerSec", options.routingLeads);
            result.put("routingMaxLeadRate", options.routingMaxLeadRate);
            result.put("routingLeadsSent", routing.leadsSent());
            result.put("routingLeadsReadPerSecMeasured", routing.leadsReadPerSecondMeasured());
            result.put("routingRequested", routing.requested());
            result.put("routingAnswered", routing.answered());
            result.put("routingWarmupSeconds", options.routingWarmup);
            result.put("routingP50Ms", routing.steady().p50());
            result.put("routingP99Ms", routing.steady().p99());
            result.put("routingMaxMs", routing.steady().max());
            result.put("routingWholeRunP99Ms", routing.all().p99());
            result.put("routingWorstBySecondMs", routing.worstBySecondMs());
        }
        // where the time went in the last round: each task's busy share of the run, per contender
        result.put("busyTimePercent", busy);
        busy.forEach((contender, tasks) -> System.out.printf(Locale.ROOT, "busy (%% of the run), %s: %s%n",
                contender, tasks));
        if (!cpu.isEmpty()) {
            result.put("cpuMicrosPerEvent", cpu);
            cpu.forEach((contender, kinds) -> System.out.printf(Locale.ROOT, "CPU (µs per event), %s: %s%n",
                    contender, kinds));
        }
        result.put("normalizerSpeedup", round(normalizer.speedup()));
        result.put("normalizerDisagreements", normalizer.disagreements());
        result.put("stateBytesPerLead", activeLeads == 0 ? 0 : Math.round((double) stateBytes / activeLeads));
        System.out.printf(Locale.ROOT, "normalizer: %.1fx plain libphonenumber, %d disagreements; state %,d bytes "
                + "per lead%n", normalizer.speedup(), normalizer.disagreements(), result.get("stateBytesPerLead"));
        ObjectNode node = new ObjectMapper().valueToTree(result);
        if (json != null) {
            Files.writeString(json, node.toPrettyString());
            System.out.println("summary written to " + json);
        }
        LocalRun.deleteQuietly(work);
        return node;
    }

    /**
     * What every run of one bench shares: the settings file, the work directory, parallelism, memory
     * and the Flink configuration given with {@code -D} (sorted, as printed and written).
     */
    record Setup(Path settings, Path work, int parallelism, String managedMemory,
            Map<String, String> flinkConfiguration) {

        /** The full job in local mode, as a user runs it ({@code lead-dedup run}), with its domain metrics on or off. */
        RunSummary fullJob(Path input, boolean domainMetrics) throws Exception {
            List<String> args = new ArrayList<>(List.of("run", "--input", input.toString(), "--settings",
                    settings.toString(), "--out", work.resolve("out").toString(), "--parallelism",
                    Integer.toString(parallelism), "--checkpoint-interval", "10s",
                    "-D", "taskmanager.memory.managed.size=" + managedMemory));
            Map<String, String> extra = new java.util.TreeMap<>(flinkConfiguration);
            extra.putAll(BusyTime.reportingTo(new Configuration()).toMap());
            extra.forEach((key, value) -> args.addAll(List.of("-D", key + "=" + value)));
            if (!domainMetrics) {
                args.addAll(List.of("-D", "pipeline.global-job-parameters=" + DomainMetrics.SWITCH + ":false"));
            }
            return LocalRun.fromArgs(args.toArray(String[]::new)).execute();
        }

        /** The peers' Flink configuration: the job's own RocksDB tuning, checkpointing and memory. */
        Configuration configuration() throws Exception {
            Configuration conf = FlinkSettings.forJob(
                    Files.createTempDirectory(work, "checkpoints").toUri().toString(), Duration.ofSeconds(10),
                    parallelism);
            conf.setString("restart-strategy.type", "none");
            conf.setString("taskmanager.memory.managed.size", managedMemory);
            flinkConfiguration.forEach(conf::setString);
            return BusyTime.reportingTo(conf);
        }
    }

    /** One peer's run: its throughput into {@code rates}, its tasks' busy shares into {@code busy}. */
    private static void runPeer(int round, String label, String key, List<Double> rates,
            Map<String, Map<String, Double>> busy, long events, java.util.concurrent.Callable<Duration> peer)
            throws Exception {
        BusyTime.reset();
        Duration time = peer.call();
        busy.put(key, BusyTime.sharesOf(time.toMillis()));
        rates.add(events / seconds(time));
        report(round, label, events, time);
    }

    static void report(int round, String what, long events, Duration time) {
        System.out.printf(Locale.ROOT, "  round %d  %-22s %6.1f s  %,10.0f events/s%n", round, what,
                seconds(time), events / seconds(time));
    }

    static double seconds(Duration duration) {
        return Math.max(1, duration.toMillis()) / 1000.0;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String[] withoutCommandWord(String[] args) {
        return args.length > 0 && args[0].equals("bench") ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
    }
}
