package io.leaddedup.status;

import io.leaddedup.relocation.GoldenRecord;
import io.leaddedup.stage.lead.LeadStatusFunction;
import java.util.function.Consumer;

/**
 * Turns the signals about one lead into {@code lead-actions} and {@code lead-status} records, each
 * fact once: a lead relocated through two numbers, or replayed, is reported RELOCATED once;
 * PROTECTED and DUPLICATE once per pair of leads; DISQUALIFIED and REQUALIFIED once per number
 * whose disposition holds or releases the lead. Plain Java, no Flink.
 *
 * <p>Signals about one lead come from several phone keys over separate network paths, in an order
 * no run repeats. What is reported must not depend on it: the final status (a union over the
 * numbers, and the newest golden lead any number names), the set of flag pairs and the count of
 * every action are the same for every interleaving of the keys' signals. Only which number's
 * signal reports a lead RELOCATED first, and so the golden lead that action names, may differ.
 *
 * <p>The first signal to arrive may be a relocation rather than the acceptance: whichever comes
 * first opens the ledger and reports the lead ACTIVE at the lead's own time, so that every lead's
 * history starts with the same ACTIVE record on every run.
 */
public final class LeadReporting {

    private LeadReporting() {}

    /**
     * The whole step of the lead-status stage for one signal: opens the ledger of a lead seen for
     * the first time, applies the signal, and returns the ledger to store, or null when nothing
     * changed. {@link LeadStatusFunction} and the tests' simulators run exactly this.
     */
    public static LeadLedger step(LeadLedger stored, LeadSignal signal, Consumer<LeadAction> actions,
            Consumer<LeadStatusUpdate> statuses) {
        LeadLedger ledger = stored != null ? stored : open(signal, statuses);
        boolean changed = apply(ledger, signal, actions, statuses);
        return changed || stored == null ? ledger : null;
    }

    /** The ledger of a lead seen for the first time; reports it ACTIVE. */
    public static LeadLedger open(LeadSignal first, Consumer<LeadStatusUpdate> statuses) {
        LeadLedger ledger = new LeadLedger();
        ledger.listId = first.listId;
        ledger.campaignId = first.campaignId;
        LeadStatusUpdate accepted = status(first, ledger);
        accepted.updatedAt = first.leadImportedAt;
        statuses.accept(accepted);
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
                    if (signal.goldenLeadId.equals(ledger.goldenLeadId)) {
                        // the same golden lead through the other number; a migrated ledger learns its time
                        boolean learned = ledger.goldenImportedAt == LeadLedger.UNKNOWN_TIME;
                        ledger.goldenImportedAt = signal.goldenImportedAt;
                        return learned;
                    }
                    // Reported once; a newer golden lead, from either number, is news for lead-status.
                    if (!GoldenRecord.isNewer(signal.goldenImportedAt, signal.goldenLeadId, ledger.goldenImportedAt,
                            ledger.goldenLeadId)) {
                        return false;
                    }
                    ledger.goldenLeadId = signal.goldenLeadId;
                    ledger.goldenImportedAt = signal.goldenImportedAt;
                    statuses.accept(status(signal, ledger));
                    return true;
                }
                ledger.relocated = true;
                ledger.goldenLeadId = signal.goldenLeadId;
                ledger.goldenImportedAt = signal.goldenImportedAt;
                actions.accept(action(LeadActionType.RELOCATED, signal, ledger, LeadAction.SYS_DUPLICATES_LIST));
            }
            case PROTECTED, DUPLICATE -> {
                // Per pair, whatever happens to the lead through another number: whether it is
                // relocated by then is a race between two keys, and the flag must not depend on it.
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
                // Per number: whether the lead's other number got there first is a race.
                actions.accept(action(LeadActionType.DISQUALIFIED, signal, ledger, null));
            }
            case REQUALIFIED -> {
                if (!LeadLedger.contains(ledger.disqualifiedBy, signal.number)) {
                    return false;
                }
                ledger.disqualifiedBy = LeadLedger.without(ledger.disqualifiedBy, signal.number);
                // Per number, like DISQUALIFIED: lead-status says whether another number still holds it.
                actions.accept(action(LeadActionType.REQUALIFIED, signal, ledger, null));
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
