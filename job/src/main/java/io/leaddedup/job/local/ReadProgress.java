package io.leaddedup.job.local;

import io.leaddedup.job.topology.Utf8Lines;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * How far local mode's reader is through its file: lines and characters handed on to the job.
 * Local mode runs Flink embedded in this JVM, so the reader's counter is read directly by the
 * driver: for a progress line, and for a bootstrap, to know when every line has left the reader.
 */
final class ReadProgress {

    private static final Map<String, ReadProgress> RUNNING = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong chars = new AtomicLong();
    private final long totalLines;
    private final long fileBytes;

    private ReadProgress(long totalLines, long fileBytes) {
        this.totalLines = totalLines;
        this.fileBytes = fileBytes;
    }

    /** @param totalLines the file's lines as the reader splits them, or -1 when not counted */
    static ReadProgress register(Path file, long totalLines) throws IOException {
        ReadProgress progress = new ReadProgress(totalLines, Files.size(file));
        RUNNING.put(progress.id, progress);
        return progress;
    }

    void unregister() {
        RUNNING.remove(id);
    }

    /** The step after the reader that counts what it hands on. */
    MapFunction<String, String> counter() {
        return new Counter(id);
    }

    long lines() {
        return lines.get();
    }

    /** Whether every line of the file has left the reader; never, when the lines were not counted. */
    boolean allRead() {
        return totalLines >= 0 && lines.get() >= totalLines;
    }

    /** The share of the file read, 0 to 1: by lines when they were counted, else by characters. */
    double share() {
        if (totalLines > 0) {
            return Math.min(1.0, (double) lines.get() / totalLines);
        }
        return fileBytes > 0 ? Math.min(1.0, (double) chars.get() / fileBytes) : 1.0;
    }

    /** Lines as the reader (a {@link BufferedReader}, through Flink's text line format) splits them, blank ones too. */
    static long countLines(Path file) throws IOException {
        long count = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, Utf8Lines.READ_AS)) {
            while (reader.readLine() != null) {
                count++;
            }
        }
        return count;
    }

    private static final class Counter implements MapFunction<String, String> {
        private static final long serialVersionUID = 1L;

        private final String id;
        private transient ReadProgress progress;

        Counter(String id) {
            this.id = id;
        }

        @Override
        public String map(String line) {
            if (progress == null) {
                progress = RUNNING.getOrDefault(id, new ReadProgress(-1, 0));
            }
            progress.lines.incrementAndGet();
            progress.chars.addAndGet(line.length() + 1);
            return line;
        }
    }
}
