package io.leaddedup.bench.jmh;

import io.leaddedup.events.RawEvent;
import io.leaddedup.ingest.DecodedEvent;
import io.leaddedup.ingest.EventDecoder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding one lead line as the job reads it (one streaming pass over the object's fields, then
 * the typed reads that give the contract's reject details), beside the job's CPU per event that
 * the bench reports.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecoderBenchmark {

    private static final String LEAD = "{\"type\":\"lead\",\"accountId\":\"acct-1\",\"leadId\":\"L-123456\","
            + "\"listId\":\"list-2\",\"campaignId\":\"camp-1\",\"campaignPurpose\":\"solar\",\"phone\":\"(404) 555-0199\","
            + "\"mobile\":\"+1 678 555 0123\",\"source\":\"CSV\",\"importedAt\":1793577600000,"
            + "\"relocateDuplicates\":true}";

    private final EventDecoder decoder = new EventDecoder();
    private final RawEvent raw = new RawEvent("lead", LEAD);

    @Benchmark
    public DecodedEvent lead() {
        return decoder.decode(raw);
    }
}
