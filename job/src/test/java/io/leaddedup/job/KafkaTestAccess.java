package io.leaddedup.job;

import io.leaddedup.events.RawEvent;
import io.leaddedup.settings.SettingsBook;
import java.util.function.UnaryOperator;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Lets tests start Kafka mode asynchronously, with a tap on the raw stream to inject failures. */
public final class KafkaTestAccess {

    private KafkaTestAccess() {}

    public static JobClient start(String[] args, UnaryOperator<DataStream<RawEvent>> tap) throws Exception {
        KafkaRun.Options options = KafkaRun.parse(args);
        SettingsBook settings = SettingsFile.read(options.settingsFile(), reject -> {
            throw new IllegalArgumentException(reject.toString());
        });
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(KafkaRun.configuration(options));
        KafkaRun.attach(env, options, settings, tap);
        return env.executeAsync("lead-dedup-test");
    }

    public static void produce(String[] args) throws java.io.IOException {
        KafkaTools.produce(args, System.err);
    }

    public static void uploadCsv(String[] args) throws java.io.IOException {
        KafkaTools.uploadCsv(args, System.err);
    }

    public static java.util.List<String> defaultInputTopics() {
        return Topics.defaultTopics().inputs();
    }

    public static java.util.List<String> defaultOutputTopics() {
        return Topics.defaultTopics().outputs();
    }
}
