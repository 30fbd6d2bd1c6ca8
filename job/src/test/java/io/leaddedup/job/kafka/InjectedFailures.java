package io.leaddedup.job.kafka;

import io.leaddedup.events.RawEvent;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Fails the job a given number of times, each time soon after a checkpoint completed, so that the
 * restart replays everything read since: the output must still hold each record exactly once.
 * The count is static because the MiniCluster runs in the test's JVM and a restart builds a new
 * instance of this function.
 */
final class InjectedFailures extends RichMapFunction<RawEvent, RawEvent> implements CheckpointListener {

    private static final long serialVersionUID = 1L;

    static final AtomicInteger REMAINING = new AtomicInteger();

    private transient volatile boolean armed;
    private transient int seenSinceArmed;

    static void arm(int failures) {
        REMAINING.set(failures);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        armed = REMAINING.get() > 0;
        seenSinceArmed = 0;
    }

    @Override
    public RawEvent map(RawEvent event) {
        // Fail a little after the checkpoint, mid-stream, with uncommitted output in flight.
        if (armed && ++seenSinceArmed > 500 && REMAINING.getAndDecrement() > 0) {
            armed = false;
            throw new IllegalStateException("injected failure (test)");
        }
        return event;
    }
}
