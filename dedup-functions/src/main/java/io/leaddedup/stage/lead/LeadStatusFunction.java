package io.leaddedup.stage.lead;

import io.leaddedup.metrics.DomainMetrics;
import io.leaddedup.stage.StateRetention;
import io.leaddedup.status.LeadAction;
import io.leaddedup.status.LeadActionType;
import io.leaddedup.status.LeadLedger;
import io.leaddedup.status.LeadLedgerSerializer;
import io.leaddedup.status.LeadReporting;
import io.leaddedup.status.LeadSignal;
import io.leaddedup.status.LeadStatusUpdate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by lead ({@code accountId/leadId}): the one place that knows a lead's status, so the one
 * place that can promise each fact about a lead is reported once, however many numbers or replays
 * reach it. Emits {@code lead-actions} on the main output and {@code lead-status} on a side output.
 */
public class LeadStatusFunction extends KeyedProcessFunction<String, LeadSignal, LeadAction>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<LeadStatusUpdate> STATUS =
            new OutputTag<>("lead-status", TypeInformation.of(LeadStatusUpdate.class));

    private final StateRetention retention;

    private transient DomainMetrics metrics;
    private transient ValueState<LeadLedger> ledgerState;
    private transient Counter[] actions;
    private transient Counter statusRecords;
    private transient Counter leadsAccepted;

    public LeadStatusFunction(StateRetention retention) {
        this.retention = retention;
    }

    /** See {@link DomainMetrics}: the counters are checkpointed with the operator. */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        metrics = DomainMetrics.restore(getRuntimeContext(), context);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        metrics.snapshot();
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<LeadLedger> descriptor =
                new ValueStateDescriptor<>("lead-ledger", LeadLedgerSerializer.INSTANCE);
        descriptor.enableTimeToLive(retention.ttlConfig());
        ledgerState = getRuntimeContext().getState(descriptor);
        actions = metrics.counters("leadActions", "action", LeadActionType.class);
        statusRecords = metrics.counter("leadStatus");
        leadsAccepted = metrics.counter("leadsAccepted");
    }

    @Override
    public void processElement(LeadSignal signal, Context ctx, Collector<LeadAction> out) throws Exception {
        LeadLedger before = ledgerState.value();
        LeadLedger changed = LeadReporting.step(before, signal, action -> {
            actions[action.action.ordinal()].inc();
            out.collect(action);
        }, status -> {
            statusRecords.inc();
            ctx.output(STATUS, status);
        });
        if (before == null && changed != null) {
            leadsAccepted.inc();
        }
        if (changed != null) {
            ledgerState.update(changed);
        }
    }
}
