package io.leaddedup.job.tools;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lead-dedup produce}: a JSONL file to a topic, keyed by phone key. */
@Command(name = "produce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sends a JSONL file to a topic, one record per line, keyed by phone key (accountId/E.164)",
            "where the line carries a number, so that each number's events stay in one partition and in order."})
public final class ProduceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.jsonl", description = "the records, one JSON object per line")
    Path file;

    @Option(names = "--topic", required = true, description = "the topic to send to")
    String topic;

    @Mixin
    ProducerOptions producer = new ProducerOptions();

    @Override
    public Integer call() throws Exception {
        KafkaTools.produce(this, System.err);
        return 0;
    }
}
