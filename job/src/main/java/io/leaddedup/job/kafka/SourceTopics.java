package io.leaddedup.job.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which input topics each Kafka source reads. Leads, dispositions and settings go to the events
 * source, and conversions and routing requests to a source of their own: call routing then answers
 * while a lead backlog waits. (The settings topic is read once: read by both sources, a bad
 * settings record would be rejected twice.) A deployment that reads only one of the two groups has
 * one source, under the events source's uid, as before the split; so does a restore of a savepoint
 * taken before it, unless told otherwise ({@link #shared}).
 */
record SourceTopics(List<String> events, List<String> calls) {

    private static final List<String> CALL_INPUTS = List.of("conversions", "routing-requests");

    /** Every input on the events source, as before call routing had a source of its own. */
    static SourceTopics shared(Map<String, String> inputs) {
        return new SourceTopics(new ArrayList<>(inputs.values()), List.of());
    }

    /**
     * The sources of a restore. A savepoint with state of the events source and none of the calls
     * source was taken with one source for every topic: that source's state holds the call
     * topics' positions, so it keeps reading them, and no conversion or request is skipped or read
     * twice; unless {@code ownCallSource} asks for the split (the README's upgrade note says what
     * that costs).
     */
    static SourceTopics forRestore(Map<String, String> inputs, boolean eventsSourceState, boolean callsSourceState,
            boolean ownCallSource) {
        SourceTopics split = of(inputs);
        boolean takenShared = eventsSourceState && !callsSourceState;
        return takenShared && !ownCallSource && !split.calls().isEmpty() ? shared(inputs) : split;
    }

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
        }
        return new SourceTopics(events, calls);
    }
}
