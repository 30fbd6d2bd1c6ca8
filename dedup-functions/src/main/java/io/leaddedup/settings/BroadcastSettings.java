package io.leaddedup.settings;

import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The broadcast state that carries settings to every parallel instance, and the one place that
 * resolves a setting: the newer of the broadcast record and the start-up {@link StartupSettings}'s,
 * else the contract's defaults.
 */
public final class BroadcastSettings {

    public static final MapStateDescriptor<String, AccountSettings> ACCOUNTS =
            new MapStateDescriptor<>("account-settings", Types.STRING, TypeInformation.of(AccountSettings.class));
    public static final MapStateDescriptor<String, CampaignSettings> CAMPAIGNS =
            new MapStateDescriptor<>("campaign-settings", Types.STRING, TypeInformation.of(CampaignSettings.class));
    public static final MapStateDescriptor<String, BuyerSettings> BUYERS =
            new MapStateDescriptor<>("buyer-settings", Types.STRING, TypeInformation.of(BuyerSettings.class));

    private BroadcastSettings() {}

    /**
     * Stores one update; each function calls this from {@code processBroadcastElement}. A record
     * the start-up book already holds a newer state of is not stored.
     */
    public static void apply(SettingsUpdate update, BroadcastStateSource states, StartupSettings initial)
            throws Exception {
        if (initial.supersedes(update)) {
            return;
        }
        if (update.account != null) {
            states.get(ACCOUNTS).put(update.key(), update.account);
        } else if (update.campaign != null) {
            states.get(CAMPAIGNS).put(update.key(), update.campaign);
        } else if (update.buyer != null) {
            states.get(BUYERS).put(update.key(), update.buyer);
        }
    }

    public static AccountSettings account(
            ReadOnlyBroadcastState<String, AccountSettings> state, StartupSettings initial, String accountId)
            throws Exception {
        AccountSettings live = state.get(accountId);
        AccountSettings settings =
                initial.newest(live, live == null ? null : live.origin, initial.account(accountId));
        return settings != null ? settings : AccountSettings.defaults(accountId);
    }

    public static CampaignSettings campaign(
            ReadOnlyBroadcastState<String, CampaignSettings> state, StartupSettings initial, String accountId,
            String campaignId) throws Exception {
        String key = SettingsKeys.campaign(accountId, campaignId);
        CampaignSettings live = state.get(key);
        CampaignSettings settings = initial.newest(live, live == null ? null : live.origin, initial.campaign(key));
        return settings != null ? settings : CampaignSettings.defaults(accountId, campaignId);
    }

    public static BuyerSettings buyer(
            ReadOnlyBroadcastState<String, BuyerSettings> state, StartupSettings initial, String accountId, String buyerId)
            throws Exception {
        String key = SettingsKeys.buyer(accountId, buyerId);
        BuyerSettings live = state.get(key);
        BuyerSettings settings = initial.newest(live, live == null ? null : live.origin, initial.buyer(key));
        return settings != null ? settings : BuyerSettings.defaults(accountId, buyerId);
    }

    /** The settings in force in a function's broadcast state, over the start-up book. */
    public static SettingsView view(ReadOnlyStateSource states, StartupSettings initial) {
        return new SettingsView() {
            @Override
            public AccountSettings account(String accountId) throws Exception {
                return BroadcastSettings.account(states.get(ACCOUNTS), initial, accountId);
            }

            @Override
            public CampaignSettings campaign(String accountId, String campaignId) throws Exception {
                return BroadcastSettings.campaign(states.get(CAMPAIGNS), initial, accountId, campaignId);
            }

            @Override
            public BuyerSettings buyer(String accountId, String buyerId) throws Exception {
                return BroadcastSettings.buyer(states.get(BUYERS), initial, accountId, buyerId);
            }
        };
    }

    /** The read-only broadcast state of a function's context, as every context kind offers it. */
    @FunctionalInterface
    public interface ReadOnlyStateSource {
        <K, V> ReadOnlyBroadcastState<K, V> get(MapStateDescriptor<K, V> descriptor) throws Exception;
    }

    /** The writable broadcast state of a function's context; both context kinds fit it. */
    @FunctionalInterface
    public interface BroadcastStateSource {
        <K, V> BroadcastState<K, V> get(MapStateDescriptor<K, V> descriptor) throws Exception;
    }
}
