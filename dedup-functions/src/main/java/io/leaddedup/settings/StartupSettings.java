package io.leaddedup.settings;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings known before the first event: local mode's {@code --settings} file, and in Kafka mode
 * that file overlaid with the settings topic read to its end when the job was submitted. Every
 * function that reads settings carries a copy, so they hold from the first record on. A record
 * that arrives later through the broadcast stream takes precedence, unless it is one the book
 * already holds a newer state of (see {@link #newest}).
 */
public final class StartupSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, AccountSettings> accounts = new HashMap<>();
    private final Map<String, CampaignSettings> campaigns = new HashMap<>();
    private final Map<String, BuyerSettings> buyers = new HashMap<>();
    /** Settings topic partition → the end offset this book was read up to. */
    private final Map<Integer, Long> readUpTo = new HashMap<>();
    /** What the book was read from, by content (a digest of the settings file); empty for none. */
    private String id = "";

    public static StartupSettings empty() {
        return new StartupSettings();
    }

    /** An independent copy, for a function that applies records to it as it reads them. */
    public StartupSettings copy() {
        StartupSettings copy = new StartupSettings();
        copy.accounts.putAll(accounts);
        copy.campaigns.putAll(campaigns);
        copy.buyers.putAll(buyers);
        copy.readUpTo.putAll(readUpTo);
        copy.id = id;
        return copy;
    }

    /** Later records replace earlier ones with the same key, as on the settings topic. */
    public void apply(SettingsUpdate update) {
        if (update.account != null) {
            accounts.put(update.key(), update.account);
        } else if (update.campaign != null) {
            campaigns.put(update.key(), update.campaign);
        } else if (update.buyer != null) {
            buyers.put(update.key(), update.buyer);
        }
    }

    /** Names the content this book was read from; two books read from equal files have equal ids. */
    public StartupSettings identifiedAs(String contentId) {
        this.id = contentId;
        return this;
    }

    public String id() {
        return id;
    }

    /** The book's records, one per key: applied to an empty book in any order, they make this book. */
    public List<SettingsUpdate> updates() {
        List<SettingsUpdate> updates = new ArrayList<>();
        accounts.values().forEach(account -> updates.add(SettingsUpdate.of(account)));
        campaigns.values().forEach(campaign -> updates.add(SettingsUpdate.of(campaign)));
        buyers.values().forEach(buyer -> updates.add(SettingsUpdate.of(buyer)));
        return updates;
    }

    /** Records that this book holds every record of {@code partition} of the settings topic below {@code endOffset}. */
    public void readUpTo(int partition, long endOffset) {
        readUpTo.put(partition, endOffset);
    }

    /**
     * Of a setting from the broadcast state ({@code live}) and this book's ({@code known}), the one
     * in force. A broadcast record wins unless it came from the settings topic below the offset
     * this book was read up to: the source reads such records again after a restore or with
     * earliest offsets, and they are older than what the book holds. Restored broadcast state is
     * older than a book read at a later submission for the same reason.
     */
    public <T> T newest(T live, SettingsOrigin liveOrigin, T known) {
        if (live == null) {
            return known;
        }
        return known == null || !isOlderThanThisBook(liveOrigin) ? live : known;
    }

    /**
     * Whether a record read again from the settings topic is one this book already holds a newer
     * state of: such a record must not even be stored, or it could replace a live change of the
     * same key that arrived first (the key on two partitions).
     */
    public boolean supersedes(SettingsUpdate update) {
        if (!isOlderThanThisBook(update.origin())) {
            return false;
        }
        Map<String, ?> held = update.account != null ? accounts : update.campaign != null ? campaigns : buyers;
        return held.containsKey(update.key());
    }

    /**
     * A record without a topic position came from a file, read by an earlier start: restored state
     * of a local run or a bootstrap. The book of this start, the operator's word now, is newer.
     */
    private boolean isOlderThanThisBook(SettingsOrigin origin) {
        return origin == null || origin.offset < readUpTo.getOrDefault(origin.partition, 0L);
    }

    /** Settings held, for the start-up log: accounts, campaigns, buyers. */
    public String describe() {
        return accounts.size() + " accounts, " + campaigns.size() + " campaigns, " + buyers.size() + " buyers";
    }

    public AccountSettings account(String accountId) {
        return accounts.get(accountId);
    }

    public CampaignSettings campaign(String key) {
        return campaigns.get(key);
    }

    public BuyerSettings buyer(String key) {
        return buyers.get(key);
    }

    /** The settings this book gives one event of {@code accountId}; defaults where it has none. */
    public EventSettings stamp(String accountId, String campaignId, String[] candidateBuyers) {
        EventSettings stamp = new EventSettings();
        AccountSettings account = accounts.get(accountId);
        stamp.account = account != null ? account : AccountSettings.defaults(accountId);
        if (candidateBuyers != null) {
            CampaignSettings campaign = campaigns.get(SettingsKeys.campaign(accountId, campaignId));
            stamp.campaign = campaign != null ? campaign : CampaignSettings.defaults(accountId, campaignId);
            stamp.buyers = new BuyerSettings[candidateBuyers.length];
            for (int i = 0; i < candidateBuyers.length; i++) {
                BuyerSettings buyer = buyers.get(SettingsKeys.buyer(accountId, candidateBuyers[i]));
                stamp.buyers[i] = buyer != null ? buyer : BuyerSettings.defaults(accountId, candidateBuyers[i]);
            }
        }
        return stamp;
    }

}
