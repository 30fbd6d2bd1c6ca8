package io.leaddedup.job.kafka;

import io.leaddedup.events.RawEvent;
import io.leaddedup.job.LeadDedupCli;
import java.util.function.UnaryOperator;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Lets tests start Kafka mode asynchronously, with a tap on the raw stream to inject failures. */
public final class KafkaTestAccess {

    private KafkaTestAccess() {}

    public static JobClient start(String[] args, UnaryOperator<DataStream<RawEvent>> tap) throws Exception {
        return KafkaRun.prepare(KafkaRun.parse(args), tap).executeAsync("lead-dedup-test");
    }

    /** The launcher as a person runs it: its exit code. */
    public static int launch(String... args) {
        return LeadDedupCli.commandLine().execute(args);
    }

    public static void produce(String[] args) {
        launchOrFail(args);
    }

    public static void uploadCsv(String[] args) {
        launchOrFail(args);
    }

    private static void launchOrFail(String[] args) {
        int code = launch(args);
        if (code != 0) {
            throw new IllegalStateException(args[0] + " failed with exit code " + code);
        }
    }

    public static java.util.List<String> defaultInputTopics() {
        return Topics.defaultTopics().inputs();
    }

    public static java.util.List<String> defaultOutputTopics() {
        return Topics.defaultTopics().outputs();
    }
}
