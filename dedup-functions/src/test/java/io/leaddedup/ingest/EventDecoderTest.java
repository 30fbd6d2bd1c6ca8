package io.leaddedup.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaddedup.events.DispositionAction;
import io.leaddedup.events.LeadSource;
import io.leaddedup.events.RawEvent;
import io.leaddedup.events.RejectReason;
import io.leaddedup.events.RoutingKind;
import io.leaddedup.settings.BuyerSettings;
import io.leaddedup.settings.DuplicateCallerHandling;
import io.leaddedup.settings.FilterAgainst;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every event type of the contract, its defaults, and every reject reason with a readable detail. */
class EventDecoderTest {

    private static final String LEAD = "{\"type\":\"lead\",\"accountId\":\"acme\",\"leadId\":\"L1\",\"listId\":\"l1\","
            + "\"campaignId\":\"c1\",\"campaignPurpose\":\"solar\",\"phone\":\"678 999 8212\",\"source\":\"CSV\","
            + "\"importedAt\":\"2026-11-22T10:00:00Z\",\"relocateDuplicates\":true,\"favouriteColour\":\"blue\"}";

    private final EventDecoder decoder = new EventDecoder();

    private DecodedEvent decode(String text) {
        return decoder.decode(new RawEvent(null, text));
    }

    @Test
    void decodesALeadAndIgnoresUnknownFields() {
        DecodedEvent event = decode(LEAD);
        assertThat(event.reject).isNull();
        assertThat(event.lead.accountId).isEqualTo("acme");
        assertThat(event.lead.leadId).isEqualTo("L1");
        assertThat(event.lead.campaignPurpose).isEqualTo("solar");
        assertThat(event.lead.phone).isEqualTo("678 999 8212");
        assertThat(event.lead.mobile).isNull();
        assertThat(event.lead.source).isEqualTo(LeadSource.CSV);
        assertThat(event.lead.relocateDuplicates).isTrue();
        assertThat(event.lead.importedAt).isEqualTo(Instant.parse("2026-11-22T10:00:00Z").toEpochMilli());
        assertThat(event.payload).isEqualTo(LEAD);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"2026-11-22T10:00:00Z\"      | 1795341600000",
        "\"2026-11-22T11:00:00+01:00\" | 1795341600000",
        "1795341600000                 | 1795341600000",
        "\"1795341600000\"             | 1795341600000",
    })
    void readsTimesAsInstantsOrEpochMillis(String json, long expected) {
        DecodedEvent event = decode(LEAD.replace("\"2026-11-22T10:00:00Z\"", json));
        assertThat(event.lead.importedAt).isEqualTo(expected);
    }

    @Test
    void decodesDispositionsConversionsAndRoutingRequests() {
        DecodedEvent disposition = decode("{\"type\":\"phone_disposition\",\"accountId\":\"a\",\"campaignId\":\"*\","
                + "\"phone\":\"6789998212\",\"action\":\"disqualify\",\"reason\":\"retired\",\"at\":5}");
        assertThat(disposition.disposition.action).isEqualTo(DispositionAction.DISQUALIFY);
        assertThat(disposition.disposition.campaignId).isEqualTo("*");
        assertThat(disposition.disposition.at).isEqualTo(5);

        DecodedEvent conversion = decode("{\"type\":\"conversion\",\"accountId\":\"a\",\"callerPhone\":\"678\","
                + "\"buyerId\":\"b\",\"campaignId\":\"c\",\"callId\":\"k\",\"convertedAt\":7}");
        assertThat(conversion.conversion.buyerId).isEqualTo("b");
        assertThat(conversion.conversion.convertedAt).isEqualTo(7);

        DecodedEvent request = decode("{\"type\":\"routing_request\",\"requestId\":\"r\",\"accountId\":\"a\","
                + "\"campaignId\":\"c\",\"callerPhone\":\"678\",\"kind\":\"RTB\",\"candidateBuyers\":[\"b2\",\"b1\"],"
                + "\"receivedAt\":9}");
        assertThat(request.routingRequest.kind).isEqualTo(RoutingKind.RTB);
        assertThat(request.routingRequest.candidateBuyers).containsExactly("b2", "b1");
    }

    @Test
    void settingsTakeTheContractsDefaults() {
        DecodedEvent account = decode("{\"type\":\"account_settings\",\"accountId\":\"a\"}");
        assertThat(account.settings.account.relocateDuplicatesApi).isFalse();
        assertThat(account.settings.account.filterAgainst).isEqualTo(FilterAgainst.ACCOUNT);
        assertThat(account.settings.account.protectInbound).isTrue();
        assertThat(account.settings.account.matchMobile).isFalse();
        assertThat(account.settings.account.defaultRegion).isEqualTo("US");
        assertThat(account.settings.account.additionalLists).isEmpty();

        DecodedEvent full = decode("{\"type\":\"account_settings\",\"accountId\":\"a\",\"relocateDuplicatesApi\":true,"
                + "\"filterAgainst\":\"LIST\",\"additionalLists\":[\"x\",\"y\"],\"protectInbound\":false,"
                + "\"matchMobile\":true,\"defaultRegion\":\"gb\"}");
        assertThat(full.settings.account.filterAgainst).isEqualTo(FilterAgainst.LIST);
        assertThat(full.settings.account.additionalLists).containsExactly("x", "y");
        assertThat(full.settings.account.defaultRegion).isEqualTo("GB");

        DecodedEvent campaign = decode("{\"type\":\"campaign_settings\",\"accountId\":\"a\",\"campaignId\":\"c\"}");
        assertThat(campaign.settings.campaign.duplicateCallerHandling).isEqualTo(DuplicateCallerHandling.OFF);
        assertThat(campaign.settings.campaign.fallbackBuyerId).isNull();

        DecodedEvent buyer = decode("{\"type\":\"buyer_settings\",\"accountId\":\"a\",\"buyerId\":\"b\"}");
        assertThat(buyer.settings.buyer.dedupeWindowMillis).isEqualTo(BuyerSettings.FOREVER);
        assertThat(buyer.settings.buyer.acceptsDuplicates).isFalse();
        DecodedEvent windowed = decode("{\"type\":\"buyer_settings\",\"accountId\":\"a\",\"buyerId\":\"b\","
                + "\"dedupeWindow\":\"P30D\",\"acceptsDuplicates\":true}");
        assertThat(windowed.settings.buyer.dedupeWindowMillis).isEqualTo(Duration.ofDays(30).toMillis());
        // ISO-8601 durations in calendar units and zero windows are windows too (the contract's type)
        DecodedEvent monthly = decode("{\"type\":\"buyer_settings\",\"accountId\":\"a\",\"buyerId\":\"b\","
                + "\"dedupeWindow\":\"P1Y2M\"}");
        assertThat(monthly.reject).isNull();
        assertThat(monthly.settings.buyer.dedupeWindowMonths).isEqualTo(14);
        assertThat(monthly.settings.buyer.dedupeWindowMillis).isZero();
        DecodedEvent zero = decode("{\"type\":\"buyer_settings\",\"accountId\":\"a\",\"buyerId\":\"b\","
                + "\"dedupeWindow\":\"PT0S\"}");
        assertThat(zero.reject).isNull();
        assertThat(zero.settings.buyer.dedupeWindowMillis).isZero();
    }

    @Test
    void aByteOrderMarkBeforeTheJsonIsNoContent() {
        DecodedEvent lead = decode("\uFEFF" + LEAD);
        assertThat(lead.reject).isNull();
        assertThat(lead.lead.leadId).isEqualTo("L1");
        assertThat(lead.payload).isEqualTo(LEAD);
        assertThat(decode("\uFEFF{\"type\":\"account_settings\",\"accountId\":\"a\",\"relocateDuplicatesApi\":true}")
                .settings.account.relocateDuplicatesApi).isTrue();
        assertThat(decode("\uFEFF").reject.reason).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void theTopicNamesTheTypeWhenTheRecordDoesNot() {
        String lead = LEAD.replace("\"type\":\"lead\",", "");
        assertThat(decoder.decode(new RawEvent("lead", lead)).lead).isNotNull();
        assertThat(decoder.decode(new RawEvent(EventDecoder.ANY_SETTINGS, "{\"accountId\":\"a\",\"buyerId\":\"b\"}"))
                .settings.buyer).isNotNull();
        assertThat(decoder.decode(new RawEvent(EventDecoder.ANY_SETTINGS, "{\"accountId\":\"a\",\"campaignId\":\"c\"}"))
                .settings.campaign).isNotNull();
        assertThat(decoder.decode(new RawEvent(EventDecoder.ANY_SETTINGS, "{\"accountId\":\"a\"}"))
                .settings.account).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1,2]", "\"a string\"", "", "   ", "{\"type\":\"lead\"",
        "{\"type\":\"lead\"}}", "{\"type\":\"lead\"} trailing", "{\"type\":\"lead\"}{\"type\":\"lead\"}"})
    void malformedRecordsAreRejected(String text) {
        DecodedEvent event = decode(text);
        assertThat(event.reject.reason).isEqualTo(RejectReason.MALFORMED);
        assertThat(event.reject.detail).isNotBlank();
        assertThat(event.reject.payload).isEqualTo(text);
    }

    @Test
    void secondValuesAfterTheObjectAreNamedInTheDetail() {
        assertThat(decode("{\"type\":\"lead\"} {\"type\":\"lead\"}").reject.detail)
                .isEqualTo("not valid JSON: more than one value in the record (START_OBJECT after the first)");
        assertThat(decode("[1] 2").reject.detail)
                .isEqualTo("not valid JSON: more than one value in the record (VALUE_NUMBER_INT after the first)");
        assertThat(decode("[1,2]").reject.detail).isEqualTo("not a JSON object");
        // Broken JSON is called broken, even when it is not an object either.
        assertThat(decode("[1,2").reject.detail).startsWith("not valid JSON: Unexpected end-of-input");
    }

    @Test
    void aRepeatedFieldTakesItsLastValue() {
        DecodedEvent event = decode(LEAD.replace("\"leadId\":\"L1\"", "\"leadId\":\"L0\",\"leadId\":\"L1\""));
        assertThat(event.lead.leadId).isEqualTo("L1");
        assertThat(decode(LEAD.replace("\"leadId\":\"L1\"", "\"leadId\":\"L1\",\"leadId\":null")).reject.reason)
                .isEqualTo(RejectReason.MISSING_FIELD);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"phone\":{\"n\":[1]}                  | field 'phone' must be a string, got OBJECT",
        "\"phone\":1.5                          | field 'phone' must be a string, got NUMBER",
        "\"relocateDuplicates\":\"maybe\"        | field 'relocateDuplicates' must be true or false, got \"maybe\"",
        "\"relocateDuplicates\":[true]          | field 'relocateDuplicates' must be true or false, got [true]",
        "\"importedAt\":99999999999999999999    | field 'importedAt' is not an ISO-8601 instant or epoch milliseconds: 99999999999999999999",
        "\"importedAt\":\"soon\"                 | field 'importedAt' is not an ISO-8601 instant or epoch milliseconds: \"soon\"",
        "\"importedAt\":{\"at\":1}               | field 'importedAt' is not an ISO-8601 instant or epoch milliseconds: {\"at\":1}",
    })
    void aValueOfTheWrongJsonTypeIsShownAsJson(String field, String detail) {
        String text = LEAD.replaceFirst("\"" + field.substring(1, field.indexOf('"', 1)) + "\":(\"[^\"]*\"|true|false|\\d+)", field);
        assertThat(decode(text).reject.detail).isEqualTo(detail);
    }

    @Test
    void wholeNumbersServeAsIdsAndTimes() {
        DecodedEvent event = decode(LEAD.replace("\"leadId\":\"L1\"", "\"leadId\":12345678901")
                .replace("\"2026-11-22T10:00:00Z\"", "-5"));
        assertThat(event.lead.leadId).isEqualTo("12345678901");
        assertThat(event.lead.importedAt).isEqualTo(-5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "{\"number\":1}", "[\"678 999 8212\"]", "6789998212"})
    void aMobileOfAnyJsonTypeLeavesTheLeadAndIsJudgedAsANumberLater(String mobile) {
        DecodedEvent event = decode(LEAD.replace("\"phone\":\"678 999 8212\"",
                "\"phone\":\"678 999 8212\",\"mobile\":" + mobile));
        assertThat(event.reject).isNull();
        assertThat(event.lead.mobile).isEqualTo(mobile);
    }

    @Test
    void hugeRecordsAreRejectedBeforeParsing() {
        String huge = "{\"type\":\"lead\",\"pad\":\"" + "x".repeat(EventDecoder.MAX_RECORD_CHARS) + "\"}";
        assertThat(decode(huge).reject.reason).isEqualTo(RejectReason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"accountId", "leadId", "listId", "campaignId", "campaignPurpose", "phone", "source",
        "importedAt"})
    void everyRequiredLeadFieldIsChecked(String field) {
        String text = LEAD.replaceFirst("\"" + field + "\":(\"[^\"]*\"|true|false|\\d+),?", "");
        DecodedEvent event = decode(text);
        assertThat(event.reject.reason).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(event.reject.detail).contains("'" + field + "'");
    }

    @Test
    void aBlankOrNullFieldCountsAsMissing() {
        assertThat(decode(LEAD.replace("\"leadId\":\"L1\"", "\"leadId\":\"  \"")).reject.reason)
                .isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(decode(LEAD.replace("\"leadId\":\"L1\"", "\"leadId\":null")).reject.reason)
                .isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(decode("{\"accountId\":\"a\"}").reject.detail).contains("'type'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"source\":\"CSV\"                        | \"source\":\"FAX\"                          | 'source'",
        "\"importedAt\":\"2026-11-22T10:00:00Z\"   | \"importedAt\":\"yesterday\"               | 'importedAt'",
        "\"importedAt\":\"2026-11-22T10:00:00Z\"   | \"importedAt\":\"2026-13-45T10:00:00Z\"    | 'importedAt'",
        "\"importedAt\":\"2026-11-22T10:00:00Z\"   | \"importedAt\":\"+1000000-01-01T00:00:00Z\" | 'importedAt'",
        "\"importedAt\":\"2026-11-22T10:00:00Z\"   | \"importedAt\":253402300800000            | 'importedAt'",
        "\"phone\":\"678 999 8212\"                | \"phone\":{\"number\":1}                    | 'phone'",
        "\"relocateDuplicates\":true               | \"relocateDuplicates\":\"maybe\"            | 'relocateDuplicates'",
        "\"type\":\"lead\"                         | \"type\":\"callback\"                       | 'callback'",
        "\"listId\":\"l1\"                         | \"listId\":\"SYS_DUPLICATES_LIST\"            | 'listId'",
        "\"campaignId\":\"c1\"                     | \"campaignId\":\"*\"                        | 'campaignId'",
    })
    void invalidValuesAreRejectedNamingTheField(String good, String bad, String named) {
        DecodedEvent event = decode(LEAD.replace(good, bad));
        assertThat(event.reject.reason).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(event.reject.detail).contains(named);
        assertThat(event.reject.payload).contains(bad);
    }

    @Test
    void invalidSettingsValuesAreRejected() {
        assertThat(decode("{\"type\":\"account_settings\",\"accountId\":\"a\",\"filterAgainst\":\"TEAM\"}")
                .reject.reason).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(decode("{\"type\":\"account_settings\",\"accountId\":\"a\",\"defaultRegion\":\"XX\"}")
                .reject.detail).contains("defaultRegion");
        assertThat(decode("{\"type\":\"buyer_settings\",\"accountId\":\"a\",\"buyerId\":\"b\",\"dedupeWindow\":\"30 days\"}")
                .reject.detail).contains("dedupeWindow");
        assertThat(decode("{\"type\":\"buyer_settings\",\"accountId\":\"a\",\"buyerId\":\"b\",\"dedupeWindow\":\"P-1D\"}")
                .reject.detail).contains("dedupeWindow").contains("negative");
        assertThat(decode("{\"type\":\"buyer_settings\",\"accountId\":\"a\",\"buyerId\":\"b\",\"dedupeWindow\":\"P1W-7D\"}")
                .reject.reason).isEqualTo(RejectReason.INVALID_VALUE);
        assertThat(decode("{\"type\":\"routing_request\",\"requestId\":\"r\",\"accountId\":\"a\",\"campaignId\":\"c\","
                + "\"callerPhone\":\"1\",\"kind\":\"SMS\",\"receivedAt\":1}").reject.detail).contains("'kind'");
    }

    @Test
    void unreadableBytesAreMalformedWithTheirPosition() {
        DecodedEvent event = decoder.decode(RawEvent.unreadable("lead", "\uFFFD(", "not UTF-8 text at leads-0@7"));
        assertThat(event.reject.reason).isEqualTo(RejectReason.MALFORMED);
        assertThat(event.reject.detail).isEqualTo("not UTF-8 text at leads-0@7");
    }
}
