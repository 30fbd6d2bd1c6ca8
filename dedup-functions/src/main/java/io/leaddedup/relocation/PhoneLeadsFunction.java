package io.leaddedup.relocation;

import io.leaddedup.settings.AccountSettings;
import io.leaddedup.settings.SettingsBook;
import io.leaddedup.settings.SettingsState;
import io.leaddedup.settings.SettingsUpdate;
import io.leaddedup.state.StateRetention;
import io.leaddedup.status.LeadSignal;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by phone key {@code accountId/E.164}: keeps the leads that carry the number and decides
 * relocations with {@link NumberRelocation}. A thin shell: state in, decision, state out.
 *
 * <p>State: one {@link NumberLeads} per number. Each lead stays for the configured retention after
 * this key first saw it (pruned on access), and the value as a whole expires by TTL when the
 * number goes quiet, so state is bounded by the leads of the retention period.
 */
public class PhoneLeadsFunction extends KeyedBroadcastProcessFunction<String, PhoneEvent, SettingsUpdate, LeadSignal> {

    private static final long serialVersionUID = 1L;

    private final SettingsBook initialSettings;
    private final StateRetention retention;

    private transient ValueState<NumberLeads> numberLeads;
    private transient List<LeadSignal> signals;

    public PhoneLeadsFunction(SettingsBook initialSettings, StateRetention retention) {
        this.initialSettings = initialSettings;
        this.retention = retention;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<NumberLeads> descriptor =
                new ValueStateDescriptor<>("number-leads", TypeInformation.of(NumberLeads.class));
        descriptor.enableTimeToLive(retention.ttlConfig());
        numberLeads = getRuntimeContext().getState(descriptor);
        signals = new ArrayList<>();
    }

    @Override
    public void processElement(PhoneEvent event, ReadOnlyContext ctx, Collector<LeadSignal> out) throws Exception {
        if (event.lead == null) {
            return; // dispositions: handled by the disqualification stage of this key (not yet wired)
        }
        LeadAtNumber lead = event.lead;
        AccountSettings settings =
                SettingsState.account(ctx.getBroadcastState(SettingsState.ACCOUNTS), initialSettings, lead.accountId);
        long now = ctx.timerService().currentProcessingTime();
        NumberLeads leads = numberLeads.value();
        if (leads == null) {
            leads = new NumberLeads();
        }
        boolean pruned = leads.dropRegisteredBefore(retention.cutoff(now));
        signals.clear();
        boolean changed = NumberRelocation.arrive(leads, lead, settings, now, signals);
        if (changed || pruned) {
            numberLeads.update(leads);
        }
        for (LeadSignal signal : signals) {
            out.collect(signal);
        }
    }

    @Override
    public void processBroadcastElement(SettingsUpdate update, Context ctx, Collector<LeadSignal> out)
            throws Exception {
        SettingsState.apply(update, ctx::getBroadcastState);
    }
}
