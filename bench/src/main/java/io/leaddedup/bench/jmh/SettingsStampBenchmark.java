package io.leaddedup.bench.jmh;

import io.leaddedup.codec.NumberEventSerializer;
import io.leaddedup.events.LeadSource;
import io.leaddedup.phone.NumberColumn;
import io.leaddedup.relocation.LeadAtNumber;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.settings.SettingsOrigin;
import io.leaddedup.stage.phone.NumberEvent;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the account settings stamped on every lead cost on its way to the phone stage: one
 * {@link NumberEvent} serialized and read back, as the keyed exchange does, with the stamp (as
 * local mode sends it) and without (what a settings version number would leave). The difference is
 * the most that lever could save, beside the job's CPU per event that the bench reports.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SettingsStampBenchmark {

    private final ExchangeRoundTrip<NumberEvent> exchange = new ExchangeRoundTrip<>(NumberEventSerializer.INSTANCE);
    private NumberEvent stamped;
    private NumberEvent bare;

    @Setup
    public void events() {
        stamped = NumberEvent.of(lead(true));
        bare = NumberEvent.of(lead(false));
    }

    private static LeadAtNumber lead(boolean withSettings) {
        LeadAtNumber lead = new LeadAtNumber();
        lead.accountId = "acct-1";
        lead.leadId = "L-123456";
        lead.listId = "list-2";
        lead.campaignId = "camp-1";
        lead.campaignPurpose = "solar";
        lead.source = LeadSource.CSV;
        lead.importedAt = 1_793_577_600_000L;
        lead.relocateDuplicates = true;
        lead.number = "+14045550199";
        lead.column = NumberColumn.PHONE;
        if (withSettings) {
            lead.settings = AccountSettings.defaults("acct-1");
            lead.settings.origin = new SettingsOrigin();
        }
        return lead;
    }

    @Benchmark
    public NumberEvent withSettingsStamp() throws IOException {
        return exchange.of(stamped);
    }

    @Benchmark
    public NumberEvent withoutSettings() throws IOException {
        return exchange.of(bare);
    }
}
