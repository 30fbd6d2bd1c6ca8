package io.leaddedup.ingest;

import io.leaddedup.disqualification.NumberDisposition;
import io.leaddedup.events.LeadEvent;
import io.leaddedup.events.PhoneDispositionEvent;
import io.leaddedup.events.Reject;
import io.leaddedup.events.RejectReason;
import io.leaddedup.phone.NumberColumn;
import io.leaddedup.phone.PhoneNormalizer;
import io.leaddedup.relocation.LeadAtNumber;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.stage.caller.CallerEvent;
import io.leaddedup.stage.phone.NumberEvent;
import java.io.Serializable;
import java.util.function.Consumer;

/**
 * Normalizes the numbers of a decoded event in its account's region and routes it by number: a
 * lead fans out to one {@link NumberEvent} per distinct number it carries, conversions and routing
 * requests become {@link CallerEvent}s. Plain Java, no Flink.
 */
public final class PhoneNormalization implements Serializable {

    private static final long serialVersionUID = 1L;

    private final PhoneNormalizer normalizer = new PhoneNormalizer();

    /** The outputs of one event. */
    public interface Outputs {
        void phoneEvent(NumberEvent event);

        void callerEvent(CallerEvent event);

        void reject(Reject reject);

        /** Outputs that hand each kind of record to its own consumer (a collector, a side output). */
        static Outputs of(Consumer<NumberEvent> phoneEvents, Consumer<CallerEvent> callerEvents,
                Consumer<Reject> rejects) {
            return new Outputs() {
                @Override
                public void phoneEvent(NumberEvent event) {
                    phoneEvents.accept(event);
                }

                @Override
                public void callerEvent(CallerEvent event) {
                    callerEvents.accept(event);
                }

                @Override
                public void reject(Reject reject) {
                    rejects.accept(reject);
                }
            };
        }
    }

    public void route(DecodedEvent event, AccountSettings settings, Outputs out) {
        String region = settings.defaultRegion;
        if (event.lead != null) {
            lead(event.lead, region, event.payload, event.stamp == null ? null : event.stamp.account, out);
        } else if (event.disposition != null) {
            disposition(event.disposition, region, event.payload, out);
        } else if (event.conversion != null) {
            String caller = normalizer.toE164(event.conversion.callerPhone, region);
            if (caller == null) {
                out.reject(invalidPhone("callerPhone", event.conversion.callerPhone, region, event.payload));
                return;
            }
            event.conversion.callerPhone = caller;
            out.callerEvent(CallerEvent.of(event.conversion, event.stamp));
        } else if (event.routingRequest != null) {
            String caller = normalizer.toE164(event.routingRequest.callerPhone, region);
            if (caller == null) {
                out.reject(invalidPhone("callerPhone", event.routingRequest.callerPhone, region, event.payload));
                return;
            }
            event.routingRequest.callerPhone = caller;
            out.callerEvent(CallerEvent.of(event.routingRequest, event.stamp));
        }
    }

    /** The account of an event that needs normalizing, to look its region up. */
    public static String accountOf(DecodedEvent event) {
        if (event.lead != null) {
            return event.lead.accountId;
        } else if (event.disposition != null) {
            return event.disposition.accountId;
        } else if (event.conversion != null) {
            return event.conversion.accountId;
        } else if (event.routingRequest != null) {
            return event.routingRequest.accountId;
        }
        return null;
    }

    private void lead(LeadEvent lead, String region, String payload, AccountSettings stamped, Outputs out) {
        String phone = normalizer.toE164(lead.phone, region);
        if (phone == null) {
            out.reject(invalidPhone("phone", lead.phone, region, payload));
            return;
        }
        String mobile = null;
        if (lead.mobile != null) {
            mobile = normalizer.toE164(lead.mobile, region);
            if (mobile == null) {
                out.reject(new Reject(RejectReason.INVALID_MOBILE,
                        "lead " + lead.leadId + ": mobile '" + lead.mobile + "' is not a possible number in region "
                                + region + "; the mobile was dropped and the lead processed on its phone",
                        payload));
            }
        }
        out.phoneEvent(NumberEvent.of(atNumber(lead, phone, NumberColumn.PHONE, stamped)));
        if (mobile != null && !mobile.equals(phone)) {
            out.phoneEvent(NumberEvent.of(atNumber(lead, mobile, NumberColumn.MOBILE, stamped)));
        }
    }

    private void disposition(PhoneDispositionEvent disposition, String region, String payload, Outputs out) {
        String number = normalizer.toE164(disposition.phone, region);
        if (number == null) {
            out.reject(invalidPhone("phone", disposition.phone, region, payload));
            return;
        }
        NumberDisposition routed = new NumberDisposition();
        routed.accountId = disposition.accountId;
        routed.campaignId = disposition.campaignId;
        routed.number = number;
        routed.action = disposition.action;
        routed.reason = disposition.reason;
        routed.at = disposition.at;
        out.phoneEvent(NumberEvent.of(routed));
    }

    private static LeadAtNumber atNumber(LeadEvent lead, String number, NumberColumn column,
            AccountSettings stamped) {
        LeadAtNumber routed = new LeadAtNumber();
        routed.accountId = lead.accountId;
        routed.leadId = lead.leadId;
        routed.listId = lead.listId;
        routed.campaignId = lead.campaignId;
        routed.campaignPurpose = lead.campaignPurpose;
        routed.source = lead.source;
        routed.importedAt = lead.importedAt;
        routed.relocateDuplicates = lead.relocateDuplicates;
        routed.number = number;
        routed.column = column;
        routed.settings = stamped;
        return routed;
    }

    private static Reject invalidPhone(String field, String value, String region, String payload) {
        return new Reject(RejectReason.INVALID_PHONE,
                "field '" + field + "' value '" + value + "' is not a possible phone number in region " + region,
                payload);
    }
}
