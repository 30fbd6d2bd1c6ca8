package io.leaddedup.events;

import io.leaddedup.codec.RawEventSerializer;
import io.leaddedup.settings.SettingsOrigin;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One record as it came off a file line or a Kafka record, before any parsing.
 *
 * <p>{@code defaultType} is the event type implied by where it came from (a Kafka topic carries
 * one kind), used when the JSON has no {@code type}; null in local mode, where {@code type} is
 * required.
 */
@TypeInfo(RawEventSerializer.Factory.class)
public class RawEvent {
    public String defaultType;
    public String text;
    /** Set when the bytes could not be read as text (not UTF-8): why, for the reject record. */
    public String unreadable;
    /** Where the record sat on the settings topic; null for records of other topics and files. */
    public SettingsOrigin settingsOrigin;

    public RawEvent() {}

    public RawEvent(String defaultType, String text) {
        this.defaultType = defaultType;
        this.text = text;
    }

    /** Bytes that are not text: rejected as MALFORMED, with a lossy rendering as payload. */
    public static RawEvent unreadable(String defaultType, String lossyText, String why) {
        RawEvent raw = new RawEvent(defaultType, lossyText);
        raw.unreadable = why;
        return raw;
    }
}
