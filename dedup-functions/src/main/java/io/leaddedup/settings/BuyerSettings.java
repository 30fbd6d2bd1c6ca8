package io.leaddedup.settings;

/** A {@code buyer_settings} record: how long a buyer considers a converted caller a duplicate. */
public class BuyerSettings implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** {@link #dedupeWindowMillis} value of a buyer whose window never closes. */
    public static final long FOREVER = -1L;

    public String accountId;
    public String buyerId;
    /**
     * The dedupe window's fixed part in milliseconds (weeks, days and smaller), or {@link #FOREVER}
     * when the record has none; see {@link DedupeWindow}.
     */
    public long dedupeWindowMillis = FOREVER;
    /** The dedupe window's calendar part: its years and months, in months (0 for none). */
    public int dedupeWindowMonths = 0;
    public boolean acceptsDuplicates = false;
    /** Position on the settings topic; null when the record came from a file or another topic. */
    public SettingsOrigin origin;

    public BuyerSettings() {}

    public static BuyerSettings defaults(String accountId, String buyerId) {
        BuyerSettings settings = new BuyerSettings();
        settings.accountId = accountId;
        settings.buyerId = buyerId;
        return settings;
    }
}
