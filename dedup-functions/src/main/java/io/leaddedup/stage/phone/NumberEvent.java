package io.leaddedup.stage.phone;

import io.leaddedup.codec.NumberEventSerializer;
import io.leaddedup.disqualification.NumberDisposition;
import io.leaddedup.relocation.LeadAtNumber;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * Everything keyed by a phone key that concerns leads: a lead reaching one of its numbers, or a
 * disposition of the number. One stream rather than two connected ones, so that for one key they
 * keep the order in which they were read.
 */
@TypeInfo(NumberEventSerializer.Factory.class)
public class NumberEvent {
    public LeadAtNumber lead;
    public NumberDisposition disposition;

    public NumberEvent() {}

    public static NumberEvent of(LeadAtNumber lead) {
        NumberEvent event = new NumberEvent();
        event.lead = lead;
        return event;
    }

    public static NumberEvent of(NumberDisposition disposition) {
        NumberEvent event = new NumberEvent();
        event.disposition = disposition;
        return event;
    }

    public String phoneKey() {
        return lead != null ? lead.phoneKey() : disposition.phoneKey();
    }
}
