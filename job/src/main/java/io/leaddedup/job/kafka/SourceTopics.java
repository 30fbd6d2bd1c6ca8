package io.leaddedup.job.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which input topics each Kafka source reads. Leads and dispositions go to the events source, and
 * conversions and routing requests to a source of their own, each with the settings topic beside
 * them: call routing then answers while a lead backlog waits, and its settings do not queue behind
 * leads either. A deployment that reads only one of the two groups has one source, under the
 * events source's uid, as before the split.
 */
record SourceTopics(List<String> events, List<String> calls) {

    private static final List<String> CALL_INPUTS = List.of("conversions", "routing-requests");

    /** @param inputs input name → topic, of the inputs this deployment reads */
    static SourceTopics of(Map<String, String> inputs) {
        List<String> events = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        inputs.forEach((name, topic) -> {
            if (CALL_INPUTS.contains(name)) {
                calls.add(topic);
            } else if (!name.equals("settings")) {
                events.add(topic);
            }
        });
        String settings = inputs.get("settings");
        if (events.isEmpty() || calls.isEmpty()) {
            List<String> all = new ArrayList<>(events);
            all.addAll(calls);
            if (settings != null) {
                all.add(settings);
            }
            return new SourceTopics(all, List.of());
        }
        if (settings != null) {
            events.add(settings);
            calls.add(settings);
        }
        return new SourceTopics(events, calls);
    }
}
