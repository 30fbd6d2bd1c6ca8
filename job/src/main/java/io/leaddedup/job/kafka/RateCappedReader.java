package io.leaddedup.job.kafka;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * per call (a poll that ends a batch and emits nothing spends a permit on nothing, which only slows
 * the reader by one record).
 */
final class RateCappedReader<T, S extends SourceSplit> implements SourceReader<T, S> {

    private final SourceReader<T, S> reader;
    private final TokenBucket permits;

    RateCappedReader(SourceReader<T, S> reader, TokenBucket permits) {
        this.reader = reader;
        this.permits = permits;
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
        return reader.pollNext(output);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        long wait = permits.nanosUntilNext();
        if (wait == 0) {
            return reader.isAvailable();
        }
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS));
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
        reader.close();
    }
}
