package io.leaddedup.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaddedup.events.RawEvent;
import io.leaddedup.relocation.PhoneEvent;
import io.leaddedup.settings.SettingsBook;
import io.leaddedup.testing.Harnesses;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Local mode's reader of events and settings: settings read from the file are checkpointed state. */
class InBandIngestFunctionTest {

    private static final String LEAD = "{\"type\":\"lead\",\"accountId\":\"acme\",\"leadId\":\"L1\",\"listId\":\"l\","
            + "\"campaignId\":\"c\",\"campaignPurpose\":\"p\",\"phone\":\"678 999 8212\",\"source\":\"API\","
            + "\"importedAt\":\"2026-11-01T10:00:00Z\"}";

    private static OneInputStreamOperatorTestHarness<RawEvent, PhoneEvent> harness(OperatorSubtaskState restoreFrom)
            throws Exception {
        OneInputStreamOperatorTestHarness<RawEvent, PhoneEvent> harness =
                new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new InBandIngestFunction(SettingsBook.empty())));
        return Harnesses.opened(harness, restoreFrom);
    }

    @Test
    void settingsReadFromTheFileSurviveARestore() throws Exception {
        OneInputStreamOperatorTestHarness<RawEvent, PhoneEvent> first = harness(null);
        first.processElement(new RawEvent(null,
                "{\"type\":\"account_settings\",\"accountId\":\"acme\",\"relocateDuplicatesApi\":true}"), 0);
        first.processElement(new RawEvent(null, LEAD), 0);
        assertThat(first.extractOutputValues()).singleElement()
                .satisfies(event -> assertThat(event.lead.settings.relocateDuplicatesApi).isTrue());
        OperatorSubtaskState snapshot = first.snapshot(1L, 1L);
        first.close();

        OneInputStreamOperatorTestHarness<RawEvent, PhoneEvent> restored = harness(snapshot);
        restored.processElement(new RawEvent(null, LEAD.replace("L1", "L2")), 0);
        assertThat(restored.extractOutputValues()).singleElement()
                .satisfies(event -> assertThat(event.lead.settings.relocateDuplicatesApi)
                        .as("the settings record read before the checkpoint").isTrue());
        restored.close();
    }
}
