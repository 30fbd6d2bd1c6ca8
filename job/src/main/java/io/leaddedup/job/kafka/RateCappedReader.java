package io.leaddedup.job.kafka;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;

/**
 * A source reader that hands on at most so many records per second. Out of permits, it tells the
 * task that nothing is available until the next permit is due: the task thread goes back to its
 * mailbox (checkpoints and timers run meanwhile) instead of sleeping, and the reader's fetcher
 * stops when its queue is full, so Kafka holds the backlog. Everything else, splits, snapshots and
 * the offset commits on completed checkpoints, passes straight through.
 *
 * <p>Each call of {@code pollNext} takes one permit: the connector's reader emits at most one record
 * per call, and one that emits nothing (it says NOTHING_AVAILABLE) gives its permit back. Out of
 * permits, the reader waits for a batch of them (a few milliseconds' worth), not for one, so the
 * task wakes up a few hundred times a second at most, not once per record.
 */
final class RateCappedReader<T, S extends SourceSplit> implements SourceReader<T, S> {

    private final SourceReader<T, S> reader;
    private final TokenBucket permits;
    private final double batch;
    /** One timer thread per reader, stopped with it: nothing outlives the job or holds its class loader. */
    private final ScheduledExecutorService timer;
    private CompletableFuture<Void> permitsDue;

    /** @param batch permits a reader out of them waits for, so that a wake-up hands on that many records */
    RateCappedReader(SourceReader<T, S> reader, TokenBucket permits, double batch) {
        this.reader = reader;
        this.permits = permits;
        this.batch = batch;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lead-rate-cap");
            thread.setDaemon(true);
            thread.setContextClassLoader(null);
            return thread;
        });
    }

    @Override
    public void start() {
        reader.start();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        if (!permits.tryTake()) {
            return InputStatus.NOTHING_AVAILABLE;
        }
        InputStatus status = reader.pollNext(output);
        if (status == InputStatus.NOTHING_AVAILABLE) {
            // nothing was handed on: a caught-up reader keeps its permits and waits for Kafka, not the clock
            permits.giveBack();
        }
        return status;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        long wait = permits.nanosUntil(batch);
        if (wait == 0) {
            return reader.isAvailable();
        }
        // the task asks more than once per stop: one timer per wait
        if (permitsDue == null || permitsDue.isDone()) {
            CompletableFuture<Void> due = new CompletableFuture<>();
            timer.schedule(() -> due.complete(null), wait, TimeUnit.NANOSECONDS);
            permitsDue = due;
        }
        return permitsDue;
    }

    @Override
    public List<S> snapshotState(long checkpointId) {
        return reader.snapshotState(checkpointId);
    }

    @Override
    public void addSplits(List<S> splits) {
        reader.addSplits(splits);
    }

    @Override
    public void notifyNoMoreSplits() {
        reader.notifyNoMoreSplits();
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        reader.handleSourceEvents(event);
    }

    @Override
    public void pauseOrResumeSplits(Collection<String> toPause, Collection<String> toResume) {
        reader.pauseOrResumeSplits(toPause, toResume);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        reader.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
        reader.notifyCheckpointAborted(checkpointId);
    }

    @Override
    public void close() throws Exception {
        timer.shutdownNow();
        reader.close();
    }
}
