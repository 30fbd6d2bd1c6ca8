package io.leaddedup.events;

/**
 * One record as it came off a file line or a Kafka record, before any parsing.
 *
 * <p>{@code defaultType} is the event type implied by where it came from (a Kafka topic carries
 * one kind), used when the JSON has no {@code type}; null in local mode, where {@code type} is
 * required.
 */
public class RawEvent {
    public String defaultType;
    public String text;

    public RawEvent() {}

    public RawEvent(String defaultType, String text) {
        this.defaultType = defaultType;
        this.text = text;
    }
}
