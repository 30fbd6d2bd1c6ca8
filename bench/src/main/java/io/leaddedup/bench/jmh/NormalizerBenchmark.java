package io.leaddedup.bench.jmh;

import io.leaddedup.phone.PhoneNormalizer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The normalizer per input shape: the North American fast path, and the full libphonenumber parse. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NormalizerBenchmark {

    @Param({"(678) 999-8212", "1 678-999-8212", "+1 (678) 999-8212", "+44 20 7946 0958", "678-999-8212 ext. 12",
        "not a number"})
    public String input;

    private final PhoneNormalizer normalizer = new PhoneNormalizer();

    @Benchmark
    public String product() {
        return normalizer.toE164(input, "US");
    }

    @Benchmark
    public String plainLibphonenumber() {
        return io.leaddedup.bench.NormalizerComparison.plain(input, "US");
    }
}
