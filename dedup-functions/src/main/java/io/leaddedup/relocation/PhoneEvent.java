package io.leaddedup.relocation;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * Everything keyed by a phone key that concerns leads: a lead reaching one of its numbers, or a
 * disposition of the number. One stream rather than two connected ones, so that for one key they
 * keep the order in which they were read.
 */
@TypeInfo(PhoneEventSerializer.Factory.class)
public class PhoneEvent {
    public LeadAtNumber lead;
    public NumberDisposition disposition;

    public PhoneEvent() {}

    public static PhoneEvent of(LeadAtNumber lead) {
        PhoneEvent event = new PhoneEvent();
        event.lead = lead;
        return event;
    }

    public static PhoneEvent of(NumberDisposition disposition) {
        PhoneEvent event = new PhoneEvent();
        event.disposition = disposition;
        return event;
    }

    public String phoneKey() {
        return lead != null ? lead.phoneKey() : disposition.phoneKey();
    }
}
