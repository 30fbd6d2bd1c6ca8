package io.leaddedup.job.local;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A line on standard error every few seconds while local mode reads: lines read, lines/s, share of the file. */
final class ProgressLine {

    private static final long EVERY_SECONDS = 3;

    private final ReadProgress progress;
    private final String what;
    private final PrintStream err = System.err;
    private final long started = System.nanoTime();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "progress-line");
        thread.setDaemon(true);
        return thread;
    });

    private ProgressLine(ReadProgress progress, String what) {
        this.progress = progress;
        this.what = what;
    }

    static ProgressLine start(ReadProgress progress, String what) {
        ProgressLine line = new ProgressLine(progress, what);
        line.ticker.scheduleAtFixedRate(line::print, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
        return line;
    }

    void stop() {
        ticker.shutdownNow();
    }

    private void print() {
        double seconds = (System.nanoTime() - started) / 1e9;
        long lines = progress.lines();
        err.printf(Locale.ROOT, "lead-dedup %s: %,d lines read (%.0f%% of the input), %,.0f lines/s%n", what, lines,
                100 * progress.share(), lines / seconds);
        err.flush();
    }
}
