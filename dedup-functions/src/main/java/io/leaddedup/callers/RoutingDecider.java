package io.leaddedup.callers;

import io.leaddedup.events.RoutingRequestEvent;
import io.leaddedup.settings.BuyerSettings;
import io.leaddedup.settings.CampaignSettings;
import io.leaddedup.settings.DedupeWindow;
import io.leaddedup.settings.DuplicateCallerHandling;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Duplicate caller handling (contract, seed 002), decided for one routing request: plain Java, no
 * Flink.
 *
 * <p>A caller is a duplicate for a buyer when that buyer has a conversion of the caller at {@code c}
 * with {@code c <= receivedAt < c + dedupeWindow} (any {@code c <= receivedAt} for a window that
 * never closes). The campaign's handling then says what a duplicate costs the buyer:
 * <ul>
 *   <li>{@code OFF}: nothing. Every candidate is eligible; duplicates are still reported.
 *   <li>{@code NEW_CONVERTIBLE_BUYER}: a duplicate buyer is excluded unless it accepts duplicates.
 *       If no candidate is left, the campaign's fallback buyer is the only eligible one; without a
 *       fallback the request has no target.
 * </ul>
 *
 * <p>Edge cases the contract leaves open, decided as a router would expect:
 * <ul>
 *   <li>A buyer id listed twice among the candidates counts once, at its first (highest-priority)
 *       position, in both {@code eligibleBuyers} and {@code duplicateBuyers}.
 *   <li>An empty (or absent) candidate list leaves no candidate, so: {@code NO_TARGET} under
 *       {@code OFF}; the fallback buyer, if set, under {@code NEW_CONVERTIBLE_BUYER} (the rule "if
 *       none is left" applies as written). The fallback belongs to duplicate handling, so
 *       {@code OFF} never routes to it.
 *   <li>A fallback buyer that is itself a candidate is treated like any candidate while others are
 *       left, so it keeps its priority position. When every candidate is excluded, it becomes the
 *       only eligible buyer even if it was excluded as a duplicate: the operator named it as the
 *       last resort, and the seed's advice is that it be the buyer that accepts duplicates.
 *   <li>The fallback buyer is in {@code duplicateBuyers} only if it is a candidate for which the
 *       caller is a duplicate; a fallback outside the candidate list is not checked.
 *   <li>A blank {@code fallbackBuyerId} counts as unset.
 * </ul>
 */
public final class RoutingDecider {

    private RoutingDecider() {}

    /** Buyer settings by buyer id, within the request's account. */
    @FunctionalInterface
    public interface BuyerSettingsLookup {
        /** The buyer's settings, or null when it has no {@code buyer_settings} (the defaults then hold). */
        BuyerSettings of(String buyerId);
    }

    /**
     * The decision for {@code request}.
     *
     * @param conversions the caller's conversions; null when none is known
     * @param campaign the request's campaign settings; null for the defaults
     * @param decidedAt the processing time to stamp on the decision
     */
    public static RoutingDecision decide(
            RoutingRequestEvent request,
            CallerConversions conversions,
            CampaignSettings campaign,
            BuyerSettingsLookup buyerSettings,
            long decidedAt) {
        boolean excludeDuplicates = campaign != null
                && campaign.duplicateCallerHandling == DuplicateCallerHandling.NEW_CONVERTIBLE_BUYER;
        String[] candidates = distinct(request.candidateBuyers);

        String[] eligible = new String[candidates.length];
        int eligibleCount = 0;
        String[] duplicates = new String[candidates.length];
        long[] lastConvertedAt = new long[candidates.length];
        int duplicateCount = 0;
        for (String buyerId : candidates) {
            long converted = conversions == null
                    ? CallerConversions.NONE
                    : conversions.latestConversion(buyerId, request.receivedAt);
            BuyerSettings settings = converted == CallerConversions.NONE
                    ? null
                    : settingsOf(buyerSettings, request.accountId, buyerId);
            boolean duplicate = settings != null
                    && isDuplicate(converted, request.receivedAt, settings);
            if (duplicate) {
                duplicates[duplicateCount] = buyerId;
                lastConvertedAt[duplicateCount] = converted;
                duplicateCount++;
            }
            if (!duplicate || !excludeDuplicates || settings.acceptsDuplicates) {
                eligible[eligibleCount++] = buyerId;
            }
        }

        String[] eligibleBuyers = Arrays.copyOf(eligible, eligibleCount);
        boolean fallbackUsed = eligibleCount == 0 && excludeDuplicates && hasFallback(campaign);
        if (fallbackUsed) {
            eligibleBuyers = new String[] {campaign.fallbackBuyerId};
        }

        RoutingDecision decision = new RoutingDecision();
        decision.requestId = request.requestId;
        decision.accountId = request.accountId;
        decision.campaignId = request.campaignId;
        decision.callerPhone = request.callerPhone;
        decision.kind = request.kind;
        decision.status = eligibleBuyers.length == 0 ? RoutingStatus.NO_TARGET : RoutingStatus.OK;
        decision.eligibleBuyers = eligibleBuyers;
        decision.duplicateBuyers = Arrays.copyOf(duplicates, duplicateCount);
        decision.lastConvertedAtMillis = Arrays.copyOf(lastConvertedAt, duplicateCount);
        decision.receivedAt = request.receivedAt;
        decision.decidedAt = decidedAt;
        decision.fallbackUsed = fallbackUsed;
        return decision;
    }

    /** Whether the buyer's last conversion of the caller, at {@code convertedAt}, is still in its window. */
    static boolean isDuplicate(long convertedAt, long receivedAt, BuyerSettings settings) {
        return convertedAt != CallerConversions.NONE
                && DedupeWindow.covers(convertedAt, receivedAt, settings.dedupeWindowMonths, settings.dedupeWindowMillis);
    }

    private static BuyerSettings settingsOf(BuyerSettingsLookup lookup, String accountId, String buyerId) {
        BuyerSettings settings = lookup == null ? null : lookup.of(buyerId);
        return settings != null ? settings : BuyerSettings.defaults(accountId, buyerId);
    }

    private static boolean hasFallback(CampaignSettings campaign) {
        return campaign.fallbackBuyerId != null && !campaign.fallbackBuyerId.isBlank();
    }

    /** Candidates in priority order, each once (its first position); nulls skipped. */
    private static String[] distinct(String[] candidateBuyers) {
        if (candidateBuyers == null) {
            return new String[0];
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String buyerId : candidateBuyers) {
            if (buyerId != null) {
                seen.add(buyerId);
            }
        }
        return seen.toArray(new String[0]);
    }
}
