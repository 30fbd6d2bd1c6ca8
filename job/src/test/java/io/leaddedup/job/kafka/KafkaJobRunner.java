package io.leaddedup.job.kafka;

import io.leaddedup.events.RawEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Starts the Kafka-mode job on an embedded Flink, exactly as {@code lead-dedup kafka} does. */
public final class KafkaJobRunner {

    private KafkaJobRunner() {}

    public static List<String> args(String bootstrapServers, Path work, String name, Path settings, String... extra)
            throws Exception {
        Files.createDirectories(work);
        List<String> args = new ArrayList<>(List.of("kafka",
                "--bootstrap-servers", bootstrapServers,
                "--group-id", name,
                "--transactional-id-prefix", name,
                "--checkpoint-dir", work.resolve("checkpoints").toString(),
                "--checkpoint-interval", "1s",
                "--transaction-timeout", "5m",
                "--parallelism", "2",
                "--starting-offsets", "earliest"));
        if (settings != null) {
            args.addAll(List.of("--settings", settings.toString()));
        }
        args.addAll(List.of(extra));
        return args;
    }

    public static JobClient start(List<String> args, UnaryOperator<DataStream<RawEvent>> tap) throws Exception {
        return KafkaTestAccess.start(args.toArray(String[]::new), tap);
    }
}
