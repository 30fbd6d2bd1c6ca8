package io.leaddedup.settings;

import io.leaddedup.phone.PhoneNormalizer;
import java.util.Arrays;

/**
 * An {@code account_settings} record: how one account wants its duplicates handled. Fields left
 * out of the record take the contract's defaults, which {@link #defaults(String)} spells out.
 */
public class AccountSettings implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public String accountId;
    public boolean relocateDuplicatesApi = false;
    public FilterAgainst filterAgainst = FilterAgainst.ACCOUNT;
    public String[] additionalLists = new String[0];
    public String[] additionalCampaigns = new String[0];
    public boolean protectInbound = true;
    public boolean matchMobile = false;
    public String defaultRegion = PhoneNormalizer.DEFAULT_REGION;
    /** Position on the settings topic; null when the record came from a file or another topic. */
    public SettingsOrigin origin;

    public AccountSettings() {}

    public static AccountSettings defaults(String accountId) {
        AccountSettings settings = new AccountSettings();
        settings.accountId = accountId;
        return settings;
    }

    public boolean isAdditionalList(String listId) {
        return contains(additionalLists, listId);
    }

    public boolean isAdditionalCampaign(String campaignId) {
        return contains(additionalCampaigns, campaignId);
    }

    private static boolean contains(String[] ids, String id) {
        if (ids == null) {
            return false;
        }
        for (String candidate : ids) {
            if (candidate.equals(id)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "AccountSettings{" + accountId + ", api=" + relocateDuplicatesApi + ", " + filterAgainst
                + ", lists=" + Arrays.toString(additionalLists) + ", campaigns="
                + Arrays.toString(additionalCampaigns) + ", protectInbound=" + protectInbound
                + ", matchMobile=" + matchMobile + ", region=" + defaultRegion + '}';
    }
}
