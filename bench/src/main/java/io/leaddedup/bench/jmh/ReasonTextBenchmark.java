package io.leaddedup.bench.jmh;

import io.leaddedup.codec.LeadSignalSerializer;
import io.leaddedup.status.LeadSignal;
import io.leaddedup.status.LeadSignalKind;
import java.io.IOException;
import java.time.Instant;
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
 * What building a relocation's reason text at the phone stage costs, against building it only at
 * output: the text made as the phone stage makes it ({@code "newer lead L-… (imported …) has the same
 * number"}), and one {@link LeadSignal} sent to the lead-status stage and read back, as the keyed
 * exchange does, with that text and without it. Built at output, the text would still be made once
 * per record written; what the lever saves is the text's trip across the exchange (and the texts of
 * signals the lead's ledger drops as already reported).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReasonTextBenchmark {

    private final ExchangeRoundTrip<LeadSignal> exchange = new ExchangeRoundTrip<>(LeadSignalSerializer.INSTANCE);
    private LeadSignal withText;
    private LeadSignal withoutText;
    private long importedAt = 1_793_577_600_000L;

    @Setup
    public void signals() {
        withText = signal();
        withText.reason = text("L-123457", importedAt);
        withoutText = signal();
    }

    private static LeadSignal signal() {
        LeadSignal signal = new LeadSignal();
        signal.kind = LeadSignalKind.RELOCATED;
        signal.accountId = "acct-1";
        signal.leadId = "L-123456";
        signal.number = "+14045550199";
        signal.listId = "list-2";
        signal.campaignId = "camp-1";
        signal.goldenLeadId = "L-123457";
        signal.goldenImportedAt = 1_793_577_600_000L;
        signal.at = 1_793_577_600_000L;
        signal.leadImportedAt = 1_793_577_000_000L;
        return signal;
    }

    private static String text(String goldenLeadId, long goldenImportedAt) {
        return "newer lead " + goldenLeadId + " (imported " + Instant.ofEpochMilli(goldenImportedAt)
                + ") has the same number";
    }

    /** The text alone, for a new instant each time (the phone stage formats a different one per lead). */
    @Benchmark
    public String buildText() {
        return text("L-123457", importedAt++);
    }

    @Benchmark
    public LeadSignal exchangeWithText() throws IOException {
        return exchange.of(withText);
    }

    @Benchmark
    public LeadSignal exchangeWithoutText() throws IOException {
        return exchange.of(withoutText);
    }
}
