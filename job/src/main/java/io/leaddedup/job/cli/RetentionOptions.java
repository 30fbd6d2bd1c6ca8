package io.leaddedup.job.cli;

import io.leaddedup.job.topology.LeadDedupTopology;
import io.leaddedup.stage.StateRetention;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How long state is kept, the same flags in local and Kafka mode. */
public final class RetentionOptions {

    @Option(names = "--state-ttl", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "how long a lead is remembered (default: 90d; 0 = forever)")
    Duration stateTtl;

    @Option(names = "--conversion-retention", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "how long a conversion is remembered (default: 365d)")
    Duration conversionRetention;

    public LeadDedupTopology.Retention retention() {
        return new LeadDedupTopology.Retention(
                StateRetention.of(stateTtl != null ? stateTtl : StateRetention.DEFAULT),
                StateRetention.of(conversionRetention != null ? conversionRetention : StateRetention.DEFAULT_CONVERSIONS));
    }
}
