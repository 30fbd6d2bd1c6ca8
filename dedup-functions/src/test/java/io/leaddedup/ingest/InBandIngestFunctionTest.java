package io.leaddedup.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaddedup.events.RawEvent;
import io.leaddedup.settings.StartupSettings;
import io.leaddedup.stage.phone.NumberEvent;
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

    private static final String RELOCATE_ON =
            "{\"type\":\"account_settings\",\"accountId\":\"acme\",\"relocateDuplicatesApi\":true}";

    private static OneInputStreamOperatorTestHarness<RawEvent, NumberEvent> harness(OperatorSubtaskState restoreFrom)
            throws Exception {
        return harness(StartupSettings.empty(), restoreFrom);
    }

    private static OneInputStreamOperatorTestHarness<RawEvent, NumberEvent> harness(StartupSettings start,
            OperatorSubtaskState restoreFrom) throws Exception {
        OneInputStreamOperatorTestHarness<RawEvent, NumberEvent> harness =
                new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new InBandIngestFunction(start)));
        return Harnesses.opened(harness, restoreFrom);
    }

    /** A start-up book (a {@code --settings} file) with relocation off for acme. */
    private static StartupSettings relocationOff(String fileId) {
        StartupSettings book = StartupSettings.empty().identifiedAs(fileId);
        io.leaddedup.settings.AccountSettings off = io.leaddedup.settings.AccountSettings.defaults("acme");
        off.relocateDuplicatesApi = false;
        book.apply(io.leaddedup.settings.SettingsUpdate.of(off));
        return book;
    }

    private static boolean relocatesAfterRestore(StartupSettings first, StartupSettings second) throws Exception {
        OneInputStreamOperatorTestHarness<RawEvent, NumberEvent> before = harness(first, null);
        before.processElement(new RawEvent(null, RELOCATE_ON), 0);
        OperatorSubtaskState snapshot = before.snapshot(1L, 1L);
        before.close();
        OneInputStreamOperatorTestHarness<RawEvent, NumberEvent> after = harness(second, snapshot);
        after.processElement(new RawEvent(null, LEAD), 0);
        boolean relocates = after.extractOutputValues().get(0).lead.settings.relocateDuplicatesApi;
        after.close();
        return relocates;
    }

    @Test
    void theSameStartUpSettingsDoNotUndoARecordReadAfterThem() throws Exception {
        // a failover, or run --restore after a bootstrap given the same --settings
        assertThat(relocatesAfterRestore(relocationOff("file-1"), relocationOff("file-1"))).isTrue();
    }

    @Test
    void otherStartUpSettingsAtARestoreApplyOverTheRestoredOnes() throws Exception {
        // the operator changed the settings file for the restored run: its word is the newest
        assertThat(relocatesAfterRestore(relocationOff("file-1"), relocationOff("file-2"))).isFalse();
    }

    @Test
    void startUpSettingsAreInTheSnapshot() throws Exception {
        OneInputStreamOperatorTestHarness<RawEvent, NumberEvent> before = harness(relocationOff("file-1"), null);
        OperatorSubtaskState snapshot = before.snapshot(1L, 1L);
        before.close();
        OneInputStreamOperatorTestHarness<RawEvent, NumberEvent> after = harness(StartupSettings.empty(), snapshot);
        after.processElement(new RawEvent(null, LEAD), 0);
        assertThat(after.extractOutputValues().get(0).lead.settings.relocateDuplicatesApi)
                .as("restored without --settings: the bootstrap's settings still hold").isFalse();
        after.close();
    }

    @Test
    void settingsReadFromTheFileSurviveARestore() throws Exception {
        OneInputStreamOperatorTestHarness<RawEvent, NumberEvent> first = harness(null);
        first.processElement(new RawEvent(null,
                "{\"type\":\"account_settings\",\"accountId\":\"acme\",\"relocateDuplicatesApi\":true}"), 0);
        first.processElement(new RawEvent(null, LEAD), 0);
        assertThat(first.extractOutputValues()).singleElement()
                .satisfies(event -> assertThat(event.lead.settings.relocateDuplicatesApi).isTrue());
        OperatorSubtaskState snapshot = first.snapshot(1L, 1L);
        first.close();

        OneInputStreamOperatorTestHarness<RawEvent, NumberEvent> restored = harness(snapshot);
        restored.processElement(new RawEvent(null, LEAD.replace("L1", "L2")), 0);
        assertThat(restored.extractOutputValues()).singleElement()
                .satisfies(event -> assertThat(event.lead.settings.relocateDuplicatesApi)
                        .as("the settings record read before the checkpoint").isTrue());
        restored.close();
    }
}
