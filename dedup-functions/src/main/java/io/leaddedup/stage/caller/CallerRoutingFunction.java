package io.leaddedup.stage.caller;

import io.leaddedup.callers.BuyerConversions;
import io.leaddedup.callers.CallerConversions;
import io.leaddedup.callers.RoutingDecider;
import io.leaddedup.callers.RoutingDecision;
import io.leaddedup.callers.RoutingStatus;
import io.leaddedup.events.ConversionEvent;
import io.leaddedup.events.RoutingRequestEvent;
import io.leaddedup.metrics.DomainMetrics;
import io.leaddedup.settings.BroadcastSettings;
import io.leaddedup.settings.BuyerSettings;
import io.leaddedup.settings.SettingsUpdate;
import io.leaddedup.settings.SettingsView;
import io.leaddedup.settings.StartupSettings;
import io.leaddedup.stage.StateRetention;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by caller phone key {@code accountId/E.164} ({@link CallerEvent#callerKey()}): remembers
 * which buyers converted the caller, and answers each routing request with exactly one
 * {@link RoutingDecision} from {@link RoutingDecider}. A thin shell: state in, decision out.
 *
 * <p>Conversions and requests share one keyed stream so that a conversion read before a request
 * is applied before it. Requests only read state: deciding never changes what later requests see,
 * and a replayed request is answered the same way.
 *
 * <p>State: one {@link CallerConversions} per caller, bounded three ways: at most
 * {@link BuyerConversions#MAX_TIMES} times per buyer; conversions older than the retention before
 * the caller's newest conversion are pruned on write; and the whole value expires by TTL once no
 * conversion of the caller was written for the retention. So the retention caps every dedupe
 * window, a buyer's "forever" included: set it at least as long as the longest window that
 * matters.
 */
public class CallerRoutingFunction
        extends KeyedBroadcastProcessFunction<String, CallerEvent, SettingsUpdate, RoutingDecision>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    private final StartupSettings initialSettings;
    private final StateRetention conversionRetention;

    private transient DomainMetrics metrics;
    private transient ValueState<CallerConversions> callerConversions;
    private transient Counter[] decisions;
    private transient Counter fallbacks;
    private transient Counter duplicateBuyersExcluded;
    private transient Histogram latency;

    public CallerRoutingFunction(StartupSettings initialSettings, StateRetention conversionRetention) {
        this.initialSettings = initialSettings;
        this.conversionRetention = conversionRetention;
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
        ValueStateDescriptor<CallerConversions> descriptor =
                new ValueStateDescriptor<>("caller-conversions", TypeInformation.of(CallerConversions.class));
        descriptor.enableTimeToLive(conversionRetention.ttlConfig());
        callerConversions = getRuntimeContext().getState(descriptor);
        decisions = metrics.counters("routingDecisions", "status", RoutingStatus.class);
        fallbacks = metrics.counter("routingFallbacks");
        duplicateBuyersExcluded = metrics.counter("duplicateBuyersExcluded");
        latency = metrics.histogram("routingLatencyMs");
    }

    @Override
    public void processElement(CallerEvent event, ReadOnlyContext ctx, Collector<RoutingDecision> out)
            throws Exception {
        if (event.conversion != null) {
            record(event.conversion);
        } else if (event.request != null) {
            SettingsView settings = event.stamp != null ? event.stamp
                    : BroadcastSettings.view(ctx::getBroadcastState, initialSettings);
            RoutingDecision decision = decide(event.request, settings, ctx.timerService().currentProcessingTime());
            decisions[decision.status.ordinal()].inc();
            if (decision.fallbackUsed) {
                fallbacks.inc();
            }
            duplicateBuyersExcluded.inc(decision.duplicateBuyersExcluded());
            latency.update(Math.max(0, decision.decidedAt - decision.receivedAt));
            out.collect(decision);
        }
    }

    private void record(ConversionEvent conversion) throws Exception {
        CallerConversions conversions = callerConversions.value();
        if (conversions == null) {
            conversions = new CallerConversions();
        }
        // Unchanged state is not written back: a replayed conversion must not extend the TTL either.
        if (conversions.record(conversion.buyerId, conversion.convertedAt, conversionRetention)) {
            callerConversions.update(conversions);
        }
    }

    /** Settings resolved up front: reading them may throw checked exceptions the decider should not see. */
    private RoutingDecision decide(RoutingRequestEvent request, SettingsView settings, long now) throws Exception {
        Map<String, BuyerSettings> buyers = new HashMap<>();
        if (request.candidateBuyers != null) {
            for (String buyerId : request.candidateBuyers) {
                if (buyerId != null && !buyers.containsKey(buyerId)) {
                    buyers.put(buyerId, settings.buyer(request.accountId, buyerId));
                }
            }
        }
        return RoutingDecider.decide(request, callerConversions.value(),
                settings.campaign(request.accountId, request.campaignId), buyers::get, now);
    }

    @Override
    public void processBroadcastElement(SettingsUpdate update, Context ctx, Collector<RoutingDecision> out)
            throws Exception {
        BroadcastSettings.apply(update, ctx::getBroadcastState, initialSettings);
    }
}
