package io.leaddedup.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.leaddedup.events.RawEvent;
import io.leaddedup.events.Reject;
import io.leaddedup.events.RejectReason;
import io.leaddedup.phone.NumberColumn;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.stage.caller.CallerEvent;
import io.leaddedup.stage.phone.NumberEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Normalization in the account's region, and the fan-out of a lead to one event per distinct number. */
class PhoneNormalizationTest {

    private final EventDecoder decoder = new EventDecoder();
    private final PhoneNormalization normalization = new PhoneNormalization();
    private final List<NumberEvent> phoneEvents = new ArrayList<>();
    private final List<CallerEvent> callerEvents = new ArrayList<>();
    private final List<Reject> rejects = new ArrayList<>();

    private void route(String json, String region) {
        AccountSettings settings = AccountSettings.defaults("a");
        settings.defaultRegion = region;
        normalization.route(decoder.decode(new RawEvent(null, json)), settings,
                PhoneNormalization.Outputs.of(phoneEvents::add, callerEvents::add, rejects::add));
    }

    private static String lead(String phone, String mobile) {
        return "{\"type\":\"lead\",\"accountId\":\"a\",\"leadId\":\"L1\",\"listId\":\"l\",\"campaignId\":\"c\","
                + "\"campaignPurpose\":\"p\",\"phone\":\"" + phone + "\"" + (mobile == null ? "" : ",\"mobile\":\""
                + mobile + "\"") + ",\"source\":\"API\",\"importedAt\":1}";
    }

    @Test
    void aLeadReachesEachOfItsNumbersOnce() {
        route(lead("678 999 8212", "(212) 555-0101"), "US");
        route(lead("678 999 8212", "+1 678 999 8212"), "US");

        assertThat(phoneEvents).extracting(e -> e.lead.number, e -> e.lead.column, NumberEvent::phoneKey).containsExactly(
                tuple("+16789998212", NumberColumn.PHONE, "a/+16789998212"),
                tuple("+12125550101", NumberColumn.MOBILE, "a/+12125550101"),
                tuple("+16789998212", NumberColumn.PHONE, "a/+16789998212"));
        assertThat(rejects).isEmpty();
    }

    @Test
    void anInvalidPhoneRejectsTheLeadAndAnInvalidMobileOnlyTheMobile() {
        route(lead("12", "678 999 8212"), "US");
        assertThat(phoneEvents).isEmpty();
        assertThat(rejects).extracting(r -> r.reason).containsExactly(RejectReason.INVALID_PHONE);

        route(lead("678 999 8212", "99"), "US");
        assertThat(phoneEvents).extracting(e -> e.lead.column).containsExactly(NumberColumn.PHONE);
        assertThat(rejects).extracting(r -> r.reason)
                .containsExactly(RejectReason.INVALID_PHONE, RejectReason.INVALID_MOBILE);
        assertThat(rejects.get(1).detail).contains("L1").contains("'99'");
    }

    @Test
    void usesTheAccountsRegion() {
        route(lead("020 7946 0958", null), "GB");
        assertThat(phoneEvents).extracting(e -> e.lead.number).containsExactly("+442079460958");
    }

    @Test
    void callerEventsAndDispositionsAreNormalizedToo() {
        route("{\"type\":\"conversion\",\"accountId\":\"a\",\"callerPhone\":\"678.999.8212\",\"buyerId\":\"b\","
                + "\"convertedAt\":1}", "US");
        route("{\"type\":\"routing_request\",\"requestId\":\"r\",\"accountId\":\"a\",\"campaignId\":\"c\","
                + "\"callerPhone\":\"oops\",\"kind\":\"CALL\",\"receivedAt\":1}", "US");
        route("{\"type\":\"phone_disposition\",\"accountId\":\"a\",\"campaignId\":\"c\",\"phone\":\"(678) 999-8212\","
                + "\"action\":\"DISQUALIFY\",\"at\":1}", "US");

        assertThat(callerEvents).extracting(CallerEvent::callerKey).containsExactly("a/+16789998212");
        assertThat(rejects).extracting(r -> r.reason).containsExactly(RejectReason.INVALID_PHONE);
        assertThat(phoneEvents).extracting(e -> e.disposition.number).containsExactly("+16789998212");
    }
}
