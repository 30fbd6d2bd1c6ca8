package io.leaddedup.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where a run's CPU went, thread kind by thread kind, RocksDB's own compaction and flush threads
 * included: those are native threads that no JVM interface sees, and they are what grows with
 * state. Read from {@code /proc/self/task} (Linux), sampled while the run goes on because a
 * thread's counters vanish with it; a thread that ends between two samples loses at most one
 * period of its time.
 */
final class ThreadCpu {

    private static final Path TASKS = Path.of("/proc/self/task");
    /** USER_HZ, the unit of {@code /proc}'s CPU times: 100 on every Linux the JVM runs on. */
    private static final double MICROS_PER_TICK = 10_000;
    private static final long PERIOD_MS = 500;

    /** The kinds, by the prefix of the thread's name (Linux keeps 15 characters of it). */
    private static final Map<String, String> KINDS = kinds();

    private final Map<Long, Spent> byThreadId = new HashMap<>();
    private final ScheduledExecutorService sampler;

    private ThreadCpu() {
        sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-thread-cpu");
            thread.setDaemon(true);
            return thread;
        });
    }

    static boolean available() {
        return Files.isDirectory(TASKS);
    }

    /** Starts sampling now: threads alive now count from their time now, later ones from zero. */
    static ThreadCpu start() {
        ThreadCpu cpu = new ThreadCpu();
        cpu.sample(true);
        cpu.sampler.scheduleAtFixedRate(() -> cpu.sample(false), PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        return cpu;
    }

    /** Stops sampling; CPU microseconds per event by thread kind, in {@link #KINDS}' order, and their total. */
    Map<String, Double> stop(long events) throws InterruptedException {
        sampler.shutdown();
        sampler.awaitTermination(10, TimeUnit.SECONDS);
        sample(false);
        Map<String, Double> micros = new LinkedHashMap<>();
        KINDS.values().forEach(kind -> micros.put(kind, 0.0));
        micros.put("other", 0.0);
        synchronized (this) {
            byThreadId.values().forEach(thread -> micros.merge(thread.kind,
                    thread.ticks * MICROS_PER_TICK / Math.max(1, events), Double::sum));
        }
        micros.replaceAll((kind, value) -> Bench.round(value));
        micros.put("total", Bench.round(micros.values().stream().mapToDouble(Double::doubleValue).sum()));
        return micros;
    }

    private synchronized void sample(boolean baseline) {
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException | RuntimeException e) {
                    return; // the thread ended since the listing
                }
                long tid = Long.parseLong(task.getFileName().toString());
                long ticks = ticks(stat);
                byThreadId.computeIfAbsent(tid, id -> new Spent(
                        kind(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))), baseline ? ticks : 0))
                        .sampled(ticks);
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + TASKS, e);
        }
    }

    /** What one thread id spent since the start, and its counter when last sampled. */
    private static final class Spent {
        final String kind;
        long ticks;
        long lastSample;

        Spent(String kind, long counterAtStart) {
            this.kind = kind;
            this.lastSample = counterAtStart;
        }

        void sampled(long counter) {
            // a counter below the last one is a new thread under the same id: it counts from zero
            ticks += counter >= lastSample ? counter - lastSample : counter;
            lastSample = counter;
        }
    }

    /** User plus system time: fields 14 and 15 of {@code stat}, counted after the name's closing parenthesis. */
    static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static String kind(String threadName) {
        for (Map.Entry<String, String> kind : KINDS.entrySet()) {
            if (threadName.startsWith(kind.getKey())) {
                return kind.getValue();
            }
        }
        return "other";
    }

    private static Map<String, String> kinds() {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("Source: ", "readDecodeNormalize");
        kinds.put("phone-leads", "phoneLeads");
        kinds.put("lead-status", "leadStatus");
        kinds.put("caller-routing", "callerRouting");
        kinds.put("rocksdb:low", "rocksdbCompaction");
        kinds.put("rocksdb:high", "rocksdbFlush");
        kinds.put("Flink-RocksDBSt", "checkpointUpload");
        kinds.put("C1 Compiler", "jit");
        kinds.put("C2 Compiler", "jit");
        kinds.put("GC Thread", "gc");
        kinds.put("G1 ", "gc");
        kinds.put("VM Thread", "gc");
        return kinds;
    }
}
