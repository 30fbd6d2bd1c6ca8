package io.leaddedup.testing;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/** Operator harnesses set up as the job runs its operators: on RocksDB, empty or restored, then opened. */
public final class Harnesses {

    private Harnesses() {}

    /** On RocksDB, like every stateful stage of the job; restored from {@code snapshot} unless it is null. */
    public static <H extends AbstractStreamOperatorTestHarness<?>> H onRocksDb(H harness, OperatorSubtaskState snapshot)
            throws Exception {
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        return opened(harness, snapshot);
    }

    /** On the harness's default backend (operator state only); restored from {@code snapshot} unless it is null. */
    public static <H extends AbstractStreamOperatorTestHarness<?>> H opened(H harness, OperatorSubtaskState snapshot)
            throws Exception {
        harness.setup();
        if (snapshot == null) {
            harness.initializeEmptyState();
        } else {
            harness.initializeState(snapshot);
        }
        harness.open();
        return harness;
    }
}
