package io.leaddedup.ingest;

import io.leaddedup.events.RawEvent;
import io.leaddedup.events.RejectReason;
import io.leaddedup.metrics.DomainMetrics;
import io.leaddedup.settings.EventSettings;
import io.leaddedup.settings.SettingsUpdate;
import io.leaddedup.settings.StartupSettings;
import io.leaddedup.stage.phone.NumberEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decode, stamp and normalize in one step, for a single reader that also reads every settings
 * record in order (local mode: one file). Each event is stamped with the settings in force at its
 * position, so a settings change applies from exactly the next event on, and needs no broadcast
 * state; which also lets this stage chain to its source instead of shipping every decoded event
 * over the network to a separate normalizing stage. Side outputs are those of
 * {@link DecodeEventsFunction}, and {@link NormalizePhonesFunction#CALLER_EVENTS}; every reject,
 * of a record or of its numbers, goes to one output, so rejects keep the input's order.
 */
public class InBandIngestFunction extends ProcessFunction<RawEvent, NumberEvent> implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    private final EventDecoder decoder = new EventDecoder();
    private final PhoneNormalization normalization = new PhoneNormalization();
    private final StartupSettings initial;
    /** The book in force: every settings record applied so far, in order. */
    private transient StartupSettings settings;
    /**
     * Every settings record applied, in order, checkpointed: the start-up books' records and those
     * read since. A restore replays them onto an empty book.
     */
    private transient ListState<SettingsUpdate> applied;
    /** The ids of the start-up books already in {@link #applied}. */
    private transient ListState<String> startBooks;
    private transient DomainMetrics metrics;
    private transient Counter eventsRead;
    private transient Counter[] rejects;

    /**
     * @param settings the settings at start; every later settings record is applied in order. A
     *     restore with a book of the same {@link StartupSettings#id} (a failover, or {@code run
     *     --restore} after a bootstrap with the same {@code --settings}) does not apply it again
     *     over the records read since; a restore with another book applies it over them.
     */
    public InBandIngestFunction(StartupSettings settings) {
        this.initial = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        eventsRead = metrics.counter("eventsRead");
        rejects = metrics.counters("rejects", "reason", RejectReason.class);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        metrics = DomainMetrics.restore(getRuntimeContext(), context);
        applied = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("in-band-settings", TypeInformation.of(SettingsUpdate.class)));
        startBooks = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("in-band-start-books", TypeInformation.of(String.class)));
        settings = StartupSettings.empty();
        for (SettingsUpdate update : applied.get()) {
            settings.apply(update);
        }
        for (String id : startBooks.get()) {
            if (id.equals(initial.id())) {
                return;
            }
        }
        // The first start, or a start with settings the state was not built with: they are the
        // operator's word for now on, so they apply over everything the state holds.
        for (SettingsUpdate update : initial.updates()) {
            settings.apply(update);
            applied.add(update);
        }
        startBooks.add(initial.id());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        // the settings are kept up to date as records are read; the counters are written now
        metrics.snapshot();
    }

    @Override
    public void processElement(RawEvent raw, Context ctx, Collector<NumberEvent> out) throws Exception {
        eventsRead.inc();
        DecodedEvent event = decoder.decode(raw);
        if (event.reject != null) {
            rejects[event.reject.reason.ordinal()].inc();
            ctx.output(DecodeEventsFunction.REJECTS, event.reject);
        } else if (event.settings != null) {
            settings.apply(event.settings);
            applied.add(event.settings);
            ctx.output(DecodeEventsFunction.SETTINGS, event.settings);
        } else {
            event.stamp = stamp(event);
            normalization.route(event, event.stamp.account, PhoneNormalization.Outputs.of(out::collect,
                    caller -> ctx.output(NormalizePhonesFunction.CALLER_EVENTS, caller),
                    reject -> {
                        rejects[reject.reason.ordinal()].inc();
                        ctx.output(DecodeEventsFunction.REJECTS, reject);
                    }));
        }
    }

    private EventSettings stamp(DecodedEvent event) {
        if (event.routingRequest != null) {
            return settings.stamp(event.routingRequest.accountId, event.routingRequest.campaignId,
                    event.routingRequest.candidateBuyers);
        }
        return settings.stamp(PhoneNormalization.accountOf(event), null, null);
    }
}
