package io.leaddedup.bench.jmh;

import io.leaddedup.callers.CallerConversions;
import io.leaddedup.callers.RoutingDecider;
import io.leaddedup.callers.RoutingDecision;
import io.leaddedup.events.LeadSource;
import io.leaddedup.events.RoutingKind;
import io.leaddedup.events.RoutingRequestEvent;
import io.leaddedup.phone.NumberColumn;
import io.leaddedup.relocation.LeadAtNumber;
import io.leaddedup.relocation.NumberLeads;
import io.leaddedup.relocation.NumberRelocation;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.settings.BuyerSettings;
import io.leaddedup.settings.CampaignSettings;
import io.leaddedup.settings.DuplicateCallerHandling;
import io.leaddedup.settings.FilterAgainst;
import io.leaddedup.stage.StateRetention;
import io.leaddedup.status.LeadAction;
import io.leaddedup.status.LeadLedger;
import io.leaddedup.status.LeadReporting;
import io.leaddedup.status.LeadSignal;
import io.leaddedup.status.LeadSignalKind;
import io.leaddedup.status.LeadStatusUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** The decision logic of each keyed stage, without Flink: what one event costs in plain Java. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecisionBenchmark {

    /** How many leads the number already has when the measured lead arrives. */
    @Param({"0", "4", "32"})
    public int leadsAtNumber;

    private AccountSettings settings;
    private LeadAtNumber[] existing;
    private LeadAtNumber arriving;
    private RoutingRequestEvent request;
    private CallerConversions conversions;
    private CampaignSettings campaign;
    private BuyerSettings buyer;
    private LeadSignal relocated;
    private final List<LeadSignal> signals = new ArrayList<>();

    @Setup
    public void setUp() {
        settings = AccountSettings.defaults("acct");
        settings.relocateDuplicatesApi = true;
        settings.filterAgainst = FilterAgainst.CAMPAIGN;
        existing = new LeadAtNumber[leadsAtNumber];
        for (int i = 0; i < leadsAtNumber; i++) {
            existing[i] = lead("L" + i, 1000L + i, i % 3 == 0 ? LeadSource.INBOUND : LeadSource.CSV);
        }
        arriving = lead("L-new", 5000L, LeadSource.API);

        request = new RoutingRequestEvent();
        request.requestId = "r";
        request.accountId = "acct";
        request.campaignId = "camp";
        request.callerPhone = "+16789998212";
        request.kind = RoutingKind.RTB;
        request.candidateBuyers = new String[] {"b1", "b2", "b3"};
        request.receivedAt = 10_000;
        conversions = new CallerConversions();
        StateRetention retention = StateRetention.of(Duration.ofDays(365));
        conversions.record("b1", 9_000, retention);
        conversions.record("b2", 1_000, retention);
        campaign = CampaignSettings.defaults("acct", "camp");
        campaign.duplicateCallerHandling = DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER;
        buyer = BuyerSettings.defaults("acct", "b1");
        buyer.dedupeWindowMillis = 5_000;

        relocated = new LeadSignal();
        relocated.kind = LeadSignalKind.RELOCATED;
        relocated.accountId = "acct";
        relocated.leadId = "L1";
        relocated.number = "+16789998212";
        relocated.listId = "list";
        relocated.campaignId = "camp";
        relocated.goldenLeadId = "L2";
        relocated.at = 2000;
    }

    private static LeadAtNumber lead(String id, long importedAt, LeadSource source) {
        LeadAtNumber lead = new LeadAtNumber();
        lead.accountId = "acct";
        lead.leadId = id;
        lead.listId = "list";
        lead.campaignId = "camp";
        lead.campaignPurpose = "solar";
        lead.source = source;
        lead.importedAt = importedAt;
        lead.number = "+16789998212";
        lead.column = NumberColumn.PHONE;
        return lead;
    }

    /** A lead arriving at a number that has {@code leadsAtNumber} leads (building that state included). */
    @Benchmark
    public void relocation(Blackhole hole) {
        NumberLeads leads = new NumberLeads();
        signals.clear();
        for (LeadAtNumber lead : existing) {
            NumberRelocation.arrive(leads, lead, settings, 0L, signals);
        }
        signals.clear();
        NumberRelocation.arrive(leads, arriving, settings, 0L, signals);
        hole.consume(signals.size());
    }

    @Benchmark
    public RoutingDecision routing() {
        return RoutingDecider.decide(request, conversions, campaign, id -> id.equals("b1") ? buyer : null, 0L);
    }

    @Benchmark
    public void leadReporting(Blackhole hole) {
        LeadLedger ledger = LeadReporting.open(relocated, hole::consume);
        LeadReporting.apply(ledger, relocated, (LeadAction action) -> hole.consume(action),
                (LeadStatusUpdate status) -> hole.consume(status));
    }
}
