package io.leaddedup.ingest;

import io.leaddedup.events.RawEvent;
import io.leaddedup.events.Reject;
import io.leaddedup.events.RejectReason;
import io.leaddedup.metrics.DomainMetrics;
import io.leaddedup.settings.SettingsUpdate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * First stage when settings reach the keyed stages by broadcast (Kafka mode): raw records to typed
 * events. Settings go to their own output (to be broadcast), bad records to {@code rejects};
 * everything else continues to phone normalization. See {@link InBandIngestFunction} for a single
 * reader of events and settings.
 */
public class DecodeEventsFunction extends ProcessFunction<RawEvent, DecodedEvent> implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<SettingsUpdate> SETTINGS =
            new OutputTag<>("settings", TypeInformation.of(SettingsUpdate.class));
    public static final OutputTag<Reject> REJECTS = new OutputTag<>("decode-rejects", TypeInformation.of(Reject.class));

    private final EventDecoder decoder = new EventDecoder();
    private transient DomainMetrics metrics;
    private transient Counter eventsRead;
    private transient Counter[] rejects;

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
        eventsRead = metrics.counter("eventsRead");
        rejects = metrics.counters("rejects", "reason", RejectReason.class);
    }

    @Override
    public void processElement(RawEvent raw, Context ctx, Collector<DecodedEvent> out) {
        eventsRead.inc();
        DecodedEvent event = decoder.decode(raw);
        if (event.reject != null) {
            rejects[event.reject.reason.ordinal()].inc();
            ctx.output(REJECTS, event.reject);
        } else if (event.settings != null) {
            event.settings.setOrigin(raw.settingsOrigin);
            ctx.output(SETTINGS, event.settings);
        } else {
            out.collect(event);
        }
    }
}
