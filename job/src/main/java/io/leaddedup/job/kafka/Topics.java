package io.leaddedup.job.kafka;

import io.leaddedup.ingest.EventDecoder;
import io.leaddedup.job.cli.UsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The topic names, each with a default from the contract and a flag to change it. */
public record Topics(
        String leads,
        String phoneDispositions,
        String conversions,
        String routingRequests,
        String settings,
        String leadActions,
        String leadStatus,
        String campaignPhoneCounts,
        String routingDecisions,
        String rejects) {

    /** Flag name → default topic, in the order of the README's table. */
    static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("topic-leads", "leads");
        defaults.put("topic-phone-dispositions", "phone-dispositions");
        defaults.put("topic-conversions", "conversions");
        defaults.put("topic-routing-requests", "routing-requests");
        defaults.put("topic-settings", "dedup-settings");
        defaults.put("topic-lead-actions", "lead-actions");
        defaults.put("topic-lead-status", "lead-status");
        defaults.put("topic-campaign-phone-counts", "campaign-phone-counts");
        defaults.put("topic-routing-decisions", "routing-decisions");
        defaults.put("topic-rejects", "rejects");
        return java.util.Collections.unmodifiableMap(defaults);
    }

    static Topics defaultTopics() {
        return from(name -> DEFAULTS.get(name));
    }

    static Topics from(java.util.function.Function<String, String> topic) {
        Topics topics = new Topics(topic.apply("topic-leads"), topic.apply("topic-phone-dispositions"),
                topic.apply("topic-conversions"), topic.apply("topic-routing-requests"), topic.apply("topic-settings"),
                topic.apply("topic-lead-actions"), topic.apply("topic-lead-status"),
                topic.apply("topic-campaign-phone-counts"), topic.apply("topic-routing-decisions"),
                topic.apply("topic-rejects"));
        if (topics.all().stream().distinct().count() != topics.all().size()) {
            throw new UsageException("every topic flag must name a different topic: " + topics.all());
        }
        return topics;
    }

    /** Input topic → the event type its records carry when they have no {@code type}. */
    Map<String, String> typeByInputTopic() {
        return Map.of(leads, "lead", phoneDispositions, "phone_disposition", conversions, "conversion",
                routingRequests, "routing_request", settings, EventDecoder.ANY_SETTINGS);
    }

    /** Input name (the suffix of its {@code --topic-} flag) → topic, in the README's order. */
    Map<String, String> inputsByName() {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("leads", leads);
        inputs.put("phone-dispositions", phoneDispositions);
        inputs.put("conversions", conversions);
        inputs.put("routing-requests", routingRequests);
        inputs.put("settings", settings);
        return inputs;
    }

    /** Output name (the suffix of its {@code --topic-} flag) → topic, in the README's order. */
    Map<String, String> outputsByName() {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("lead-actions", leadActions);
        outputs.put("lead-status", leadStatus);
        outputs.put("campaign-phone-counts", campaignPhoneCounts);
        outputs.put("routing-decisions", routingDecisions);
        outputs.put("rejects", rejects);
        return outputs;
    }

    /** The outputs written exactly once, each by a transactional sink of its own. */
    List<String> exactlyOnceOutputs() {
        return List.of(leadActions, leadStatus, campaignPhoneCounts, rejects);
    }

    List<String> inputs() {
        return List.of(leads, phoneDispositions, conversions, routingRequests, settings);
    }

    List<String> outputs() {
        return List.of(leadActions, leadStatus, campaignPhoneCounts, routingDecisions, rejects);
    }

    List<String> all() {
        return java.util.stream.Stream.concat(inputs().stream(), outputs().stream()).toList();
    }
}
