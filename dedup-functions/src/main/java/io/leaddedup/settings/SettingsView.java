package io.leaddedup.settings;

/**
 * The settings an event is decided with, wherever they come from: the stamp its reader attached
 * (local mode, {@link EventSettings}) or the broadcast state with the start-up book behind it
 * (Kafka mode, {@link BroadcastSettings#view}). A stage asks the view; it never asks where from.
 */
public interface SettingsView {

    AccountSettings account(String accountId) throws Exception;

    CampaignSettings campaign(String accountId, String campaignId) throws Exception;

    BuyerSettings buyer(String accountId, String buyerId) throws Exception;
}
