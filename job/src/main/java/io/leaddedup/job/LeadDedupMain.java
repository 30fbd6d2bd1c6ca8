package io.leaddedup.job;
import io.leaddedup.job.kafka.KafkaRun;

/**
 * Entry class of the job jar on a Flink cluster (REST {@code entryClass}, {@code flink run -c}, the
 * Kubernetes operator, {@code standalone-job --job-classname}). Its arguments are Kafka mode's
 * flags, the word {@code kafka} before them optional.
 *
 * <p>On a session cluster this {@code main} runs inside the JobManager that other teams share: it
 * never exits the JVM. A wrong submission (no arguments, {@code --help}, another mode, an unknown
 * or bad flag, a missing topic, no checkpoint directory) throws, and Flink fails that submission
 * alone with the message. The launcher on a person's machine is {@link LeadDedupCli}.
 */
public final class LeadDedupMain {

    private LeadDedupMain() {}

    public static void main(String[] args) throws Exception {
        KafkaRun.execute(KafkaRun.parse(args));
    }
}
