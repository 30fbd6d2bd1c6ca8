package io.leaddedup.job.tools;

import io.leaddedup.job.cli.KafkaClientOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the operator tools send records: the brokers, their client properties, the region for keys. */
public final class ProducerOptions {

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "default: ${DEFAULT-VALUE}")
    String bootstrapServers;

    @Option(names = "--region", defaultValue = "US", description = "region of numbers without a country code, for keys"
            + " (default: ${DEFAULT-VALUE})")
    String region;

    @Mixin
    KafkaClientOptions client = new KafkaClientOptions();
}
