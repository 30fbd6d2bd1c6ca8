package io.leaddedup.stage.phone;

import io.leaddedup.disqualification.CampaignPhoneCount;
import io.leaddedup.disqualification.NumberDisqualifications;
import io.leaddedup.disqualification.PhoneDisqualification;
import io.leaddedup.metrics.DomainMetrics;
import io.leaddedup.phone.NumberColumn;
import io.leaddedup.relocation.NumberLeads;
import io.leaddedup.relocation.NumberLeadsSerializer;
import io.leaddedup.relocation.NumberRelocation;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.settings.BroadcastSettings;
import io.leaddedup.settings.SettingsUpdate;
import io.leaddedup.settings.StartupSettings;
import io.leaddedup.stage.StateRetention;
import io.leaddedup.status.LeadSignal;
import java.util.ArrayList;
import java.util.List;
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
import org.apache.flink.util.OutputTag;

/**
 * Keyed by phone key {@code accountId/E.164}: everything the product knows about one number. Keeps
 * the leads that carry it (relocation, {@link NumberRelocation}) and the campaigns where it is
 * disqualified ({@link PhoneDisqualification}), and publishes the campaign phone counts. A thin
 * shell around {@link NumberLeadsStep}: state in, decisions, state out.
 *
 * <p>State: {@code number-leads}, one {@link NumberLeads} per number; each lead stays for the
 * configured retention after this key first saw it (pruned on access) and the whole value expires
 * by TTL when the number goes quiet. {@code number-disqualifications} has no TTL on purpose: a
 * do-not-call decision must not lapse; only a REQUALIFY removes it. It is read only where the
 * number's leads say it may hold something ({@link NumberLeads#disqualificationsMayExist}): most
 * numbers are never disqualified, and that read was one of the few RocksDB operations per lead.
 */
public class NumberLeadsFunction extends KeyedBroadcastProcessFunction<String, NumberEvent, SettingsUpdate, LeadSignal>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<CampaignPhoneCount> COUNTS =
            new OutputTag<>("campaign-phone-counts", TypeInformation.of(CampaignPhoneCount.class));

    private final StartupSettings initialSettings;
    private final StateRetention retention;

    private transient DomainMetrics metrics;
    private transient ValueState<NumberLeads> numberLeads;
    private transient ValueState<NumberDisqualifications> numberDisqualifications;
    private transient List<LeadSignal> signals;
    private transient List<CampaignPhoneCount> counts;
    private transient Counter leadsReplayed;
    private transient Counter countRecords;
    private transient Histogram leadsAtNumber;
    private transient Counter disqualifiedNumbers;
    /** Whether the number being processed had a disqualification when it was read (before the step changed it). */
    private transient boolean disqualifiedBefore;
    private transient NumberLeadsStep.DisqualificationsReader readDisqualifications;

    public NumberLeadsFunction(StartupSettings initialSettings, StateRetention retention) {
        this.initialSettings = initialSettings;
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
        ValueStateDescriptor<NumberLeads> leads =
                new ValueStateDescriptor<>("number-leads", NumberLeadsSerializer.INSTANCE);
        leads.enableTimeToLive(retention.ttlConfig());
        numberLeads = getRuntimeContext().getState(leads);
        numberDisqualifications = getRuntimeContext().getState(
                new ValueStateDescriptor<>("number-disqualifications", TypeInformation.of(NumberDisqualifications.class)));
        signals = new ArrayList<>();
        counts = new ArrayList<>();
        leadsReplayed = metrics.counter("leadsReplayed");
        countRecords = metrics.counter("campaignPhoneCounts");
        leadsAtNumber = metrics.histogram("leadsAtNumberOnArrival");
        // up and down as numbers are disqualified and requalified; checkpointed, so it stays exact
        disqualifiedNumbers = metrics.counter("disqualifiedNumbers");
        readDisqualifications = () -> {
            NumberDisqualifications read = numberDisqualifications.value();
            disqualifiedBefore = read != null && !read.isEmpty();
            return read;
        };
    }

    @Override
    public void processElement(NumberEvent event, ReadOnlyContext ctx, Collector<LeadSignal> out) throws Exception {
        signals.clear();
        counts.clear();
        long now = ctx.timerService().currentProcessingTime();
        AccountSettings settings = event.lead == null ? null : event.lead.settings != null ? event.lead.settings
                : BroadcastSettings.account(ctx.getBroadcastState(BroadcastSettings.ACCOUNTS), initialSettings,
                        event.lead.accountId);
        disqualifiedBefore = false; // unless the step reads the number's disqualifications
        NumberLeadsStep.NumberState state = NumberLeadsStep.apply(numberLeads.value(), readDisqualifications,
                event, settings, now, retention.cutoff(now), signals, counts);
        if (event.lead != null) {
            leadsAtNumber.update(state.leadsOnArrival);
            // a lead with a mobile arrives at two numbers: counted once, at its phone's
            if (state.leadKnown && event.lead.column == NumberColumn.PHONE) {
                leadsReplayed.inc();
            }
        }
        if (state.leadsChanged) {
            if (state.leads.isEmpty()) {
                numberLeads.clear();
            } else {
                numberLeads.update(state.leads);
            }
        }
        if (state.disqualificationsChanged) {
            boolean disqualifiedAfter = !state.disqualifications.isEmpty();
            if (disqualifiedAfter != disqualifiedBefore) {
                disqualifiedNumbers.inc(disqualifiedAfter ? 1 : -1);
            }
            if (state.disqualifications.isEmpty()) {
                numberDisqualifications.clear();
            } else {
                numberDisqualifications.update(state.disqualifications);
            }
        }
        signals.forEach(out::collect);
        countRecords.inc(counts.size());
        counts.forEach(count -> ctx.output(COUNTS, count));
    }

    @Override
    public void processBroadcastElement(SettingsUpdate update, Context ctx, Collector<LeadSignal> out)
            throws Exception {
        BroadcastSettings.apply(update, ctx::getBroadcastState, initialSettings);
    }
}
