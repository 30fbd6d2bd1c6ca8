package io.leaddedup.job.local;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The size of a local job's state: the bytes in its checkpoint directory. Flink discards a
 * finished job's checkpoints soon after the end, so the directory is measured every second while
 * the job runs, and once more when it stops; the last non-empty measurement is the answer.
 */
public final class CheckpointSizeWatch {

    private final Path directory;
    private final AtomicLong lastBytes = new AtomicLong(-1);
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "checkpoint-size");
        thread.setDaemon(true);
        return thread;
    });

    private CheckpointSizeWatch(Path directory) {
        this.directory = directory;
    }

    static CheckpointSizeWatch start(Path directory) {
        CheckpointSizeWatch watch = new CheckpointSizeWatch(directory);
        watch.sampler.scheduleWithFixedDelay(watch::measure, 1, 1, TimeUnit.SECONDS);
        return watch;
    }

    /** Stops measuring; the size of the state, or -1 when it could not be read. */
    long stop() {
        sampler.shutdownNow();
        measure();
        return lastBytes.get();
    }

    private void measure() {
        long bytes = sizeOf(directory);
        if (bytes > 0) {
            lastBytes.set(bytes);
        }
    }

    /**
     * The bytes of a directory's files (a checkpoint directory, or a savepoint's), or -1 when it
     * cannot be read; files that vanish while Flink discards an older checkpoint are skipped.
     */
    static long sizeOf(Path dir) {
        long[] bytes = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    bytes[0] += attributes.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
            return bytes[0];
        } catch (IOException e) {
            return -1;
        }
    }
}
