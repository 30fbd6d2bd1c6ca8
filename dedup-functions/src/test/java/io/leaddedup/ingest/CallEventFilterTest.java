package io.leaddedup.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaddedup.events.RawEvent;
import io.leaddedup.settings.AccountSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The split of the events source's records between {@code normalize-phones} and
 * {@code normalize-event-calls}: each event passes exactly one side, and the side is the one whose
 * keyed stage {@link PhoneNormalization} routes it to, so a new kind of event cannot reach a
 * normalizer whose outputs lead nowhere.
 */
class CallEventFilterTest {

    private final EventDecoder decoder = new EventDecoder();

    @Test
    void everyKindOfEventTakesTheSideOfTheStageItIsFor() throws Exception {
        List<String> events = List.of(
                "{\"type\":\"lead\",\"accountId\":\"a\",\"leadId\":\"L1\",\"listId\":\"l\",\"campaignId\":\"c\","
                        + "\"campaignPurpose\":\"p\",\"phone\":\"678 999 8212\",\"source\":\"API\",\"importedAt\":1}",
                "{\"type\":\"phone_disposition\",\"accountId\":\"a\",\"campaignId\":\"c\",\"phone\":\"678 999 8212\","
                        + "\"action\":\"DISQUALIFY\",\"at\":1}",
                "{\"type\":\"conversion\",\"accountId\":\"a\",\"callerPhone\":\"678 999 8212\",\"buyerId\":\"b\","
                        + "\"convertedAt\":1}",
                "{\"type\":\"routing_request\",\"requestId\":\"r\",\"accountId\":\"a\",\"campaignId\":\"c\","
                        + "\"callerPhone\":\"678 999 8212\",\"kind\":\"RTB\",\"receivedAt\":1}");
        List<Boolean> forCallRouting = new ArrayList<>();
        for (String json : events) {
            DecodedEvent event = decoder.decode(new RawEvent(null, json));
            assertThat(event.reject).as(json).isNull();
            boolean call = CallEventFilter.calls().filter(event);
            assertThat(CallEventFilter.leads().filter(event)).as("exactly one side: %s", json).isNotEqualTo(call);

            List<Object> phoneEvents = new ArrayList<>();
            List<Object> callerEvents = new ArrayList<>();
            new PhoneNormalization().route(event, AccountSettings.defaults("a"),
                    PhoneNormalization.Outputs.of(phoneEvents::add, callerEvents::add, reject -> {}));
            assertThat(call).as("the side of %s", json).isEqualTo(!callerEvents.isEmpty());
            assertThat(phoneEvents.isEmpty()).as(json).isEqualTo(call);
            forCallRouting.add(call);
        }
        assertThat(forCallRouting).containsExactly(false, false, true, true);
    }
}
