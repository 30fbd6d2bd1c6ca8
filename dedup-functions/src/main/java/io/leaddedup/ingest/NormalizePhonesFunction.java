package io.leaddedup.ingest;

import io.leaddedup.events.Reject;
import io.leaddedup.events.RejectReason;
import io.leaddedup.metrics.DomainMetrics;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.settings.BroadcastSettings;
import io.leaddedup.settings.SettingsUpdate;
import io.leaddedup.settings.StartupSettings;
import io.leaddedup.stage.caller.CallerEvent;
import io.leaddedup.stage.phone.NumberEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Second stage: normalizes numbers in each account's {@code defaultRegion} (from the broadcast
 * settings) and fans events out by number. Not keyed; it runs at the source's parallelism with a
 * forward connection, so that records keep the order in which they were read.
 */
public class NormalizePhonesFunction extends BroadcastProcessFunction<DecodedEvent, SettingsUpdate, NumberEvent>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<CallerEvent> CALLER_EVENTS =
            new OutputTag<>("caller-events", TypeInformation.of(CallerEvent.class));
    public static final OutputTag<Reject> REJECTS =
            new OutputTag<>("normalize-rejects", TypeInformation.of(Reject.class));

    private final StartupSettings initialSettings;
    private final PhoneNormalization normalization = new PhoneNormalization();

    private transient DomainMetrics metrics;
    private transient Counter[] rejects;

    public NormalizePhonesFunction(StartupSettings initialSettings) {
        this.initialSettings = initialSettings;
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
        rejects = metrics.counters("rejects", "reason", RejectReason.class);
    }

    @Override
    public void processElement(DecodedEvent event, ReadOnlyContext ctx, Collector<NumberEvent> out) throws Exception {
        AccountSettings settings = BroadcastSettings.account(
                ctx.getBroadcastState(BroadcastSettings.ACCOUNTS), initialSettings, PhoneNormalization.accountOf(event));
        normalization.route(event, settings, PhoneNormalization.Outputs.of(out::collect,
                caller -> ctx.output(CALLER_EVENTS, caller), reject -> {
                    rejects[reject.reason.ordinal()].inc();
                    ctx.output(REJECTS, reject);
                }));
    }

    @Override
    public void processBroadcastElement(SettingsUpdate update, Context ctx, Collector<NumberEvent> out)
            throws Exception {
        BroadcastSettings.apply(update, ctx::getBroadcastState, initialSettings);
    }
}
