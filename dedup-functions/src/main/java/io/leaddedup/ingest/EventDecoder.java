package io.leaddedup.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaddedup.events.ConversionEvent;
import io.leaddedup.events.DispositionAction;
import io.leaddedup.events.LeadEvent;
import io.leaddedup.events.LeadSource;
import io.leaddedup.events.PhoneDispositionEvent;
import io.leaddedup.events.RawEvent;
import io.leaddedup.events.Reject;
import io.leaddedup.events.RejectReason;
import io.leaddedup.events.RoutingKind;
import io.leaddedup.events.RoutingRequestEvent;
import io.leaddedup.phone.PhoneNormalizer;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.settings.BuyerSettings;
import io.leaddedup.settings.CampaignSettings;
import io.leaddedup.settings.DedupeWindow;
import io.leaddedup.settings.DuplicateCallerHandling;
import io.leaddedup.settings.FilterAgainst;
import io.leaddedup.settings.SettingsUpdate;
import io.leaddedup.status.LeadAction;
import java.io.IOException;
import java.io.Serializable;
import java.util.Locale;

/**
 * Parses one raw record into a typed event, or into a reject that says what is wrong with it.
 * Never throws on input: a bad record is the sender's problem, not a reason to restart the job.
 *
 * <p>Checks everything the contract requires except phone numbers, which need the account's
 * default region and are checked by the normalization stage.
 */
public final class EventDecoder implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * {@link RawEvent#defaultType} of the settings topic, which carries three kinds: a record
     * without {@code type} is then told by its fields ({@code buyerId}, {@code campaignId}).
     */
    public static final String ANY_SETTINGS = "settings";

    /** Longer records are refused before parsing, so one giant line cannot exhaust the heap. */
    static final int MAX_RECORD_CHARS = 64 * 1024;

    private transient ObjectMapper mapper;
    private final PhoneNormalizer regions = new PhoneNormalizer();

    /** The parsers' factory, and the codec that reads the rare nested value as a tree. */
    private ObjectMapper mapper() {
        if (mapper == null) {
            mapper = new ObjectMapper();
        }
        return mapper;
    }

    public DecodedEvent decode(RawEvent raw) {
        String text = withoutByteOrderMark(raw.text);
        try {
            if (raw.unreadable != null) {
                throw new InvalidInput(RejectReason.MALFORMED, raw.unreadable);
            }
            if (text == null || text.isBlank()) {
                throw new InvalidInput(RejectReason.MALFORMED, "empty record");
            }
            if (text.length() > MAX_RECORD_CHARS) {
                throw new InvalidInput(RejectReason.MALFORMED, "record longer than " + MAX_RECORD_CHARS + " characters");
            }
            JsonFields fields = parse(text);
            String type = fields.optionalText("type");
            if (type == null || type.isBlank()) {
                type = ANY_SETTINGS.equals(raw.defaultType) ? settingsKind(fields) : raw.defaultType;
            }
            if (type == null || type.isBlank()) {
                throw new InvalidInput(RejectReason.MISSING_FIELD, "missing required field 'type'");
            }
            DecodedEvent event = new DecodedEvent();
            switch (type.trim().toLowerCase(Locale.ROOT)) {
                case "lead" -> {
                    event.lead = lead(fields);
                    event.payload = text;
                }
                case "phone_disposition" -> {
                    event.disposition = disposition(fields);
                    event.payload = text;
                }
                case "conversion" -> {
                    event.conversion = conversion(fields);
                    event.payload = text;
                }
                case "routing_request" -> {
                    event.routingRequest = routingRequest(fields);
                    event.payload = text;
                }
                case "account_settings" -> event.settings = SettingsUpdate.of(accountSettings(fields));
                case "campaign_settings" -> event.settings = SettingsUpdate.of(campaignSettings(fields));
                case "buyer_settings" -> event.settings = SettingsUpdate.of(buyerSettings(fields));
                default -> throw new InvalidInput(RejectReason.INVALID_VALUE,
                        "unknown event type '" + type + "' (expected lead, phone_disposition, conversion, "
                                + "routing_request, account_settings, campaign_settings or buyer_settings)");
            }
            return event;
        } catch (InvalidInput invalid) {
            return DecodedEvent.rejected(new Reject(invalid.reason, invalid.getMessage(), text));
        }
    }

    /**
     * The text without a leading byte-order mark: editors on Windows (Excel, Notepad) save "UTF-8
     * with BOM", which puts U+FEFF before a file's first line or a record's JSON; it is no content.
     */
    private static String withoutByteOrderMark(String text) {
        return text != null && !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }

    private static String settingsKind(JsonFields fields) throws InvalidInput {
        if (fields.optionalText("buyerId") != null) {
            return "buyer_settings";
        }
        return fields.optionalText("campaignId") != null ? "campaign_settings" : "account_settings";
    }

    private JsonFields parse(String text) throws InvalidInput {
        try (JsonParser parser = mapper().createParser(text)) {
            return JsonFields.read(parser);
        } catch (IOException e) {
            throw new InvalidInput(RejectReason.MALFORMED, "not valid JSON: " + e.getMessage());
        }
    }

    private static LeadEvent lead(JsonFields fields) throws InvalidInput {
        LeadEvent lead = new LeadEvent();
        lead.accountId = fields.requiredText("accountId");
        lead.leadId = fields.requiredText("leadId");
        lead.listId = fields.requiredText("listId");
        if (LeadAction.SYS_DUPLICATES_LIST.equals(lead.listId.trim())) {
            // Only the job moves leads there; one arriving in it has no scope to be golden in, and
            // taken as active it would relocate the number's dialable leads.
            throw new InvalidInput(RejectReason.INVALID_VALUE, "field 'listId' is " + LeadAction.SYS_DUPLICATES_LIST
                    + ", the system's list of relocated leads: a lead cannot arrive in it (leave relocated leads"
                    + " out of an export)");
        }
        lead.campaignId = fields.requiredText("campaignId");
        if (PhoneDispositionEvent.ALL_CAMPAIGNS.equals(lead.campaignId.trim())) {
            // '*' names every campaign on a disposition, and the account-wide count record's key.
            throw new InvalidInput(RejectReason.INVALID_VALUE, "field 'campaignId' is '" + PhoneDispositionEvent.ALL_CAMPAIGNS
                    + "', which names every campaign of the account on a phone disposition: a lead sits in one campaign");
        }
        lead.campaignPurpose = fields.requiredText("campaignPurpose");
        lead.phone = fields.requiredText("phone");
        // An unusable mobile, whatever its JSON type, drops the mobile (INVALID_MOBILE), not the lead.
        String mobile = fields.looseText("mobile");
        lead.mobile = mobile == null || mobile.isBlank() ? null : mobile;
        lead.source = fields.requiredEnum("source", LeadSource.class);
        lead.importedAt = fields.requiredInstant("importedAt");
        lead.relocateDuplicates = fields.optionalBoolean("relocateDuplicates", false);
        return lead;
    }

    private static PhoneDispositionEvent disposition(JsonFields fields) throws InvalidInput {
        PhoneDispositionEvent disposition = new PhoneDispositionEvent();
        disposition.accountId = fields.requiredText("accountId");
        disposition.campaignId = fields.requiredText("campaignId");
        disposition.phone = fields.requiredText("phone");
        disposition.action = fields.requiredEnum("action", DispositionAction.class);
        disposition.reason = fields.optionalText("reason");
        disposition.at = fields.requiredInstant("at");
        return disposition;
    }

    private static ConversionEvent conversion(JsonFields fields) throws InvalidInput {
        ConversionEvent conversion = new ConversionEvent();
        conversion.accountId = fields.requiredText("accountId");
        conversion.callerPhone = fields.requiredText("callerPhone");
        conversion.buyerId = fields.requiredText("buyerId");
        conversion.campaignId = fields.optionalText("campaignId");
        conversion.callId = fields.optionalText("callId");
        conversion.convertedAt = fields.requiredInstant("convertedAt");
        return conversion;
    }

    private static RoutingRequestEvent routingRequest(JsonFields fields) throws InvalidInput {
        RoutingRequestEvent request = new RoutingRequestEvent();
        request.requestId = fields.requiredText("requestId");
        request.accountId = fields.requiredText("accountId");
        request.campaignId = fields.requiredText("campaignId");
        request.callerPhone = fields.requiredText("callerPhone");
        request.kind = fields.requiredEnum("kind", RoutingKind.class);
        request.candidateBuyers = fields.optionalTextArray("candidateBuyers");
        request.receivedAt = fields.requiredInstant("receivedAt");
        return request;
    }

    private AccountSettings accountSettings(JsonFields fields) throws InvalidInput {
        AccountSettings settings = AccountSettings.defaults(fields.requiredText("accountId"));
        settings.relocateDuplicatesApi = fields.optionalBoolean("relocateDuplicatesApi", settings.relocateDuplicatesApi);
        settings.filterAgainst = fields.optionalEnum("filterAgainst", FilterAgainst.class, settings.filterAgainst);
        settings.additionalLists = fields.optionalTextArray("additionalLists");
        settings.additionalCampaigns = fields.optionalTextArray("additionalCampaigns");
        settings.protectInbound = fields.optionalBoolean("protectInbound", settings.protectInbound);
        settings.matchMobile = fields.optionalBoolean("matchMobile", settings.matchMobile);
        String region = fields.optionalText("defaultRegion");
        if (region != null && !region.isBlank()) {
            String upper = region.trim().toUpperCase(Locale.ROOT);
            if (!regions.isSupportedRegion(upper)) {
                throw new InvalidInput(RejectReason.INVALID_VALUE, "field 'defaultRegion' is not a known region: " + region);
            }
            settings.defaultRegion = upper;
        }
        return settings;
    }

    private static CampaignSettings campaignSettings(JsonFields fields) throws InvalidInput {
        CampaignSettings settings = CampaignSettings.defaults(
                fields.requiredText("accountId"), fields.requiredText("campaignId"));
        settings.duplicateCallerHandling = fields.optionalEnum(
                "duplicateCallerHandling", DuplicateCallerHandling.class, settings.duplicateCallerHandling);
        String fallback = fields.optionalText("fallbackBuyerId");
        settings.fallbackBuyerId = fallback == null || fallback.isBlank() ? null : fallback;
        return settings;
    }

    private static BuyerSettings buyerSettings(JsonFields fields) throws InvalidInput {
        BuyerSettings settings = BuyerSettings.defaults(fields.requiredText("accountId"), fields.requiredText("buyerId"));
        DedupeWindow window = fields.optionalDedupeWindow("dedupeWindow");
        if (window != null) {
            settings.dedupeWindowMonths = window.months;
            settings.dedupeWindowMillis = window.millis;
        }
        settings.acceptsDuplicates = fields.optionalBoolean("acceptsDuplicates", settings.acceptsDuplicates);
        return settings;
    }
}
