package io.leaddedup.job.kafka;

import io.leaddedup.job.cli.UsageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.KafkaException;

/**
 * Checks, before the job is built, that the topics it reads exist. Without it a missing topic
 * means a job that restarts forever with "Failed to get metadata for topics" in its log; with it
 * the start fails once, with a sentence that names the topic, the flag that renames it and the way
 * to leave that input out.
 */
public final class TopicCheck {

    private TopicCheck() {}

    /** Topics that exist on the cluster, or a start that fails saying the brokers cannot be reached. */
    public static Set<String> existingTopics(String bootstrapServers, Map<String, String> clientProperties, Duration timeout) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("client.id", "lead-dedup-topic-check");
        // The client's own timeout, where its properties set one, else the start's; never below the
        // request timeout, which the admin client refuses.
        long millis;
        try {
            long request = Long.parseLong(clientProperties.getOrDefault("request.timeout.ms", "0"));
            millis = clientProperties.containsKey("default.api.timeout.ms")
                    ? Long.parseLong(clientProperties.get("default.api.timeout.ms"))
                    : Math.max(timeout.toMillis(), request);
        } catch (NumberFormatException e) {
            throw new UsageException("the Kafka client properties request.timeout.ms and default.api.timeout.ms must"
                    + " be whole numbers of milliseconds: " + e.getMessage());
        }
        properties.put("default.api.timeout.ms", Long.toString(millis));
        properties.putIfAbsent("request.timeout.ms", Long.toString(Math.min(millis, 30_000)));
        Admin created;
        try {
            created = Admin.create(properties);
        } catch (KafkaException e) {
            throw new UsageException("the Kafka client properties are not valid (" + e.getMessage()
                    + (e.getCause() != null ? ": " + e.getCause().getMessage() : "") + "): check --kafka-property and"
                    + " --kafka-properties-file");
        }
        try (Admin admin = created) {
            return admin.listTopics(new ListTopicsOptions().timeoutMs((int) Math.min(millis, Integer.MAX_VALUE)))
                    .names().get(millis + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new UsageException("could not list the topics of Kafka at " + bootstrapServers + " within "
                    + (millis / 1000) + " s (" + cause.getMessage() + "): check --bootstrap-servers and the"
                    + " client properties (--kafka-properties-file)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topics", e);
        }
    }

    /**
     * The problems with {@code inputs} (flag suffix → topic): one sentence per missing topic. Missing
     * outputs are only warned about: a broker with topic auto-creation makes them on first write.
     */
    static List<String> missingInputs(Map<String, String> inputs, Set<String> existing) {
        List<String> problems = new ArrayList<>();
        inputs.forEach((input, topic) -> {
            if (!existing.contains(topic)) {
                problems.add("input topic '" + topic + "' does not exist (or the job's principal may not describe"
                        + " it). Create it, read another topic with --topic-" + input + " TOPIC, or leave this input"
                        + " out with --without-inputs " + input
                        + " (a deployment without call routing: --without-inputs conversions,routing-requests).");
            }
        });
        return problems;
    }

    static List<String> missingOutputs(List<String> outputs, Set<String> existing) {
        return outputs.stream().filter(topic -> !existing.contains(topic)).toList();
    }
}
