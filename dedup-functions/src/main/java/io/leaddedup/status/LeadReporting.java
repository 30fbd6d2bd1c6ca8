package io.leaddedup.status;

import java.util.function.Consumer;

/**
 * Turns the signals about one lead into {@code lead-actions} and {@code lead-status} records, each
 * fact once: a lead relocated through two numbers, or replayed, is reported once; PROTECTED and
 * DUPLICATE once per pair of leads. Plain Java, no Flink.
 *
 * <p>Signals about one lead come from several phone keys over separate network paths, so the first
 * one to arrive may be a relocation rather than the acceptance: whichever comes first opens the
 * ledger and reports the lead ACTIVE, so that every lead's status history starts with ACTIVE.
 */
public final class LeadReporting {

    private LeadReporting() {}

    /** The ledger of a lead seen for the first time; reports it ACTIVE. */
    public static LeadLedger open(LeadSignal first, Consumer<LeadStatusUpdate> statuses) {
        LeadLedger ledger = new LeadLedger();
        ledger.listId = first.listId;
        ledger.campaignId = first.campaignId;
        statuses.accept(status(first, ledger));
        return ledger;
    }

    /**
     * Applies one signal to the ledger of its lead (from {@link #open} if the lead is new).
     *
     * @return whether the ledger changed and must be stored
     */
    public static boolean apply(
            LeadLedger ledger, LeadSignal signal, Consumer<LeadAction> actions, Consumer<LeadStatusUpdate> statuses) {
        LeadStatus before = ledger.status();
        String listBefore = ledger.currentListId();
        switch (signal.kind) {
            case ACCEPTED -> {
                return false; // a replay, or the acceptance arriving after an earlier signal
            }
            case RELOCATED -> {
                if (ledger.relocated) {
                    return false;
                }
                ledger.relocated = true;
                ledger.goldenLeadId = signal.goldenLeadId;
                actions.accept(action(LeadActionType.RELOCATED, signal, ledger, LeadAction.SYS_DUPLICATES_LIST));
            }
            case PROTECTED, DUPLICATE -> {
                // A lead already out of the dialing pool through another number needs no flag.
                if (ledger.relocated && signal.kind == LeadSignalKind.DUPLICATE) {
                    return false;
                }
                String flag = signal.kind + " " + signal.goldenLeadId;
                if (LeadLedger.contains(ledger.reportedFlags, flag)) {
                    return false;
                }
                ledger.reportedFlags = LeadLedger.with(ledger.reportedFlags, flag);
                actions.accept(action(LeadActionType.valueOf(signal.kind.name()), signal, ledger, null));
            }
            case DISQUALIFIED -> {
                if (LeadLedger.contains(ledger.disqualifiedBy, signal.number)) {
                    return false;
                }
                ledger.disqualifiedBy = LeadLedger.with(ledger.disqualifiedBy, signal.number);
                if (before != LeadStatus.DISQUALIFIED) {
                    actions.accept(action(LeadActionType.DISQUALIFIED, signal, ledger, null));
                }
            }
            case REQUALIFIED -> {
                if (!LeadLedger.contains(ledger.disqualifiedBy, signal.number)) {
                    return false;
                }
                ledger.disqualifiedBy = LeadLedger.without(ledger.disqualifiedBy, signal.number);
                if (ledger.status() != LeadStatus.DISQUALIFIED) {
                    actions.accept(action(LeadActionType.REQUALIFIED, signal, ledger, null));
                }
            }
        }
        // A disqualified lead relocated through its other number stays DISQUALIFIED but moves list:
        // the compacted lead-status topic must still show where it is now.
        if (ledger.status() != before || !java.util.Objects.equals(ledger.currentListId(), listBefore)) {
            statuses.accept(status(signal, ledger));
        }
        return true;
    }

    private static LeadAction action(LeadActionType type, LeadSignal signal, LeadLedger ledger, String toListId) {
        LeadAction action = new LeadAction();
        action.action = type;
        action.accountId = signal.accountId;
        action.leadId = signal.leadId;
        action.phone = signal.number;
        action.listId = ledger.listId;
        action.campaignId = ledger.campaignId;
        action.goldenLeadId = signal.goldenLeadId;
        action.toListId = toListId;
        action.filterAgainst = signal.filterAgainst;
        action.reason = signal.reason;
        action.at = signal.at;
        return action;
    }

    private static LeadStatusUpdate status(LeadSignal signal, LeadLedger ledger) {
        LeadStatusUpdate update = new LeadStatusUpdate();
        update.accountId = signal.accountId;
        update.leadId = signal.leadId;
        update.status = ledger.status();
        update.listId = ledger.currentListId();
        update.goldenLeadId = ledger.goldenLeadId;
        update.updatedAt = signal.at;
        return update;
    }
}
