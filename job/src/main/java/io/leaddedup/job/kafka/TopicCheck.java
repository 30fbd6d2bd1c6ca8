package io.leaddedup.job.kafka;

import io.leaddedup.job.cli.UsageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, before the job is built, that the topics it reads exist. Without it a missing topic
 * means a job that restarts forever with "Failed to get metadata for topics" in its log; with it
 * the start fails once, with a sentence that names the topic, the flag that renames it and the way
 * to leave that input out.
 */
public final class TopicCheck {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCheck.class);

    private TopicCheck() {}

    /**
     * What a start needs to know of its inputs, asked with one admin client: the topics that exist
     * (or a start that fails saying the brokers cannot be reached), the inputs' topic ids, and the
     * inputs on which consumer group {@code groupId} has committed offsets.
     *
     * @param existing every topic of the cluster the principal may describe
     * @param inputIds input topic → its Kafka topic id: a topic deleted and created again has a new
     *     one, so a checkpoint marked with the old ids belongs to topics that are gone
     * @param readBefore the inputs read before by the group: Flink commits offsets after each
     *     completed checkpoint, so they tell a restart from a first start, but lag the checkpoints
     *     by one notification and expire after {@code offsets.retention.minutes} without commits
     * @param brokerCreatesTopics the broker's {@code auto.create.topics.enable}, asked only when an
     *     output topic is missing; empty when not asked or not answered
     */
    record Survey(Set<String> existing, Map<String, String> inputIds, Set<String> readBefore,
            Optional<Boolean> brokerCreatesTopics) {}

    /**
     * The survey. The ids and the offsets are advisory: a principal that may not describe the topics
     * or the group, or a broker that does not answer those, gives them empty and the start goes on.
     */
    static Survey survey(String bootstrapServers, Map<String, String> clientProperties, String groupId,
            Collection<String> inputs, Collection<String> outputs, Duration timeout) {
        long millis = apiTimeoutMillis(clientProperties, timeout);
        try (Admin admin = admin(bootstrapServers, clientProperties, millis)) {
            Set<String> existing = existingTopics(admin, bootstrapServers, millis);
            long settle = System.nanoTime() + JUST_CREATED.toNanos();
            while (!(existing.containsAll(inputs) && existing.containsAll(outputs)) && System.nanoTime() < settle) {
                // A topic created a moment ago (an operator's script: create, then start) may not be
                // in every broker's metadata yet; a missing one is refused only once it stays missing.
                sleep(JUST_CREATED.dividedBy(20));
                try {
                    existing = existingTopics(admin, bootstrapServers, millis);
                } catch (UsageException unanswered) {
                    break; // the first list was answered: judge by it
                }
            }
            List<String> present = inputs.stream().filter(existing::contains).distinct().toList();
            Optional<Boolean> creates = existing.containsAll(outputs) ? Optional.empty() : brokerCreatesTopics(admin, millis);
            return new Survey(existing, topicIds(admin, present, millis), readBefore(admin, groupId, present, millis),
                    creates);
        }
    }

    /** How long a topic missing from the list is looked for again before the start goes on without it. */
    private static final Duration JUST_CREATED = Duration.ofSeconds(5);

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topics", e);
        }
    }

    /** The broker's {@code auto.create.topics.enable}, as one of the brokers the client reaches answers it. */
    private static Optional<Boolean> brokerCreatesTopics(Admin admin, long millis) {
        return advisory(() -> admin.describeCluster().nodes(), millis, "list the brokers")
                .filter(nodes -> !nodes.isEmpty())
                .flatMap(nodes -> {
                    ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER,
                            String.valueOf(nodes.iterator().next().id()));
                    return advisory(() -> admin.describeConfigs(List.of(broker)).values().get(broker), millis,
                            "read the broker's auto.create.topics.enable");
                })
                .map(config -> config.get(AUTO_CREATE))
                .map(entry -> Boolean.parseBoolean(entry.value()));
    }

    private static final String AUTO_CREATE = "auto.create.topics.enable";

    /** Topics that exist on the cluster, or a start that fails saying the brokers cannot be reached. */
    public static Set<String> existingTopics(String bootstrapServers, Map<String, String> clientProperties, Duration timeout) {
        long millis = apiTimeoutMillis(clientProperties, timeout);
        try (Admin admin = admin(bootstrapServers, clientProperties, millis)) {
            return existingTopics(admin, bootstrapServers, millis);
        }
    }

    private static Set<String> existingTopics(Admin admin, String bootstrapServers, long millis) {
        try {
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

    private static Map<String, String> topicIds(Admin admin, Collection<String> topics, long millis) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        return advisory(() -> admin.describeTopics(topics).allTopicNames(), millis,
                "describe the input topics " + topics)
                .<Map<String, String>>map(descriptions -> {
                    Map<String, String> ids = new TreeMap<>();
                    descriptions.forEach((topic, description) -> ids.put(topic, description.topicId().toString()));
                    return ids;
                })
                .orElse(Map.of());
    }

    private static Set<String> readBefore(Admin admin, String groupId, Collection<String> topics, long millis) {
        return advisory(() -> admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(), millis,
                "read the committed offsets of consumer group '" + groupId + "'")
                .<Set<String>>map(offsets -> {
                    Set<String> read = new TreeSet<>();
                    offsets.forEach((partition, offset) -> {
                        if (offset != null && topics.contains(partition.topic())) {
                            read.add(partition.topic());
                        }
                    });
                    return read;
                })
                .orElse(Set.of());
    }

    /** An answer the start can go on without: where the broker refuses it, a warning and nothing. */
    private static <T> Optional<T> advisory(Supplier<KafkaFuture<T>> request, long millis, String what) {
        try {
            return Optional.of(request.get().get(millis + 1000, TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.warn("could not {}: {}", what, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        }
    }

    /** The client's own timeout, where its properties set one, else the start's. */
    private static long apiTimeoutMillis(Map<String, String> clientProperties, Duration timeout) {
        try {
            long request = Long.parseLong(clientProperties.getOrDefault("request.timeout.ms", "0"));
            return clientProperties.containsKey("default.api.timeout.ms")
                    ? Long.parseLong(clientProperties.get("default.api.timeout.ms"))
                    : Math.max(timeout.toMillis(), request);
        } catch (NumberFormatException e) {
            throw new UsageException("the Kafka client properties request.timeout.ms and default.api.timeout.ms must"
                    + " be whole numbers of milliseconds: " + e.getMessage());
        }
    }

    private static Admin admin(String bootstrapServers, Map<String, String> clientProperties, long millis) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("client.id", "lead-dedup-topic-check");
        properties.put("default.api.timeout.ms", Long.toString(millis));
        // never below the request timeout, which the admin client refuses
        properties.putIfAbsent("request.timeout.ms", Long.toString(Math.min(millis, 30_000)));
        try {
            return Admin.create(properties);
        } catch (KafkaException e) {
            String why = e.getMessage() + (e.getCause() != null ? ": " + e.getCause().getMessage() : "");
            if (why.contains("No resolvable bootstrap urls")) {
                // the client's words for a host name that DNS does not know
                throw new UsageException("no host of --bootstrap-servers " + bootstrapServers + " resolves to an"
                        + " address: check the host names (and this machine's DNS)");
            }
            throw new UsageException("the Kafka client properties are not valid (" + why + "): check --kafka-property"
                    + " and --kafka-properties-file");
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

    /**
     * The problems with {@code outputs} (flag suffix → topic): where the broker will not create a
     * missing one, the sinks' producers would wait for it a minute per attempt and the job would
     * restart without end, committing nothing. Where it will, or may (not known), it is a warning.
     */
    static List<String> missingOutputs(Map<String, String> outputs, Survey survey) {
        List<String> problems = new ArrayList<>();
        if (!survey.brokerCreatesTopics().equals(Optional.of(false))) {
            return problems;
        }
        outputs.forEach((output, topic) -> {
            if (!survey.existing().contains(topic)) {
                problems.add("output topic '" + topic + "' does not exist, and the broker does not create topics ("
                        + AUTO_CREATE + "=false). Create it" + (COMPACTED.contains(output) ? ", compacted," : "")
                        + " or write to another topic with --topic-" + output + " TOPIC.");
            }
        });
        return problems;
    }

    /**
     * Outputs missing but not refused by {@link #missingOutputs}: those the broker may create on
     * first write, or that this deployment does not need ({@code required} leaves them out). A
     * warning each.
     */
    static List<String> missingButNotRefused(Map<String, String> outputs, Map<String, String> required,
            Survey survey) {
        boolean refused = survey.brokerCreatesTopics().equals(Optional.of(false));
        return outputs.values().stream()
                .filter(topic -> !survey.existing().contains(topic))
                .filter(topic -> !refused || !required.containsValue(topic))
                .toList();
    }

    /** The outputs whose latest record per key is the truth (the contract's "latest per key wins"). */
    private static final Set<String> COMPACTED = Set.of("lead-status", "campaign-phone-counts");
}
