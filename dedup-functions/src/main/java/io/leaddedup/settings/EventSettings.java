package io.leaddedup.settings;

/**
 * The settings in force for one event, attached where the event is read. Used when every settings
 * record passes through the same reader as the events, in order (local mode: one file, one
 * reader): the keyed stages then apply exactly the settings the file's order says, instead of
 * whatever the broadcast channel has delivered by the time the event arrives.
 */
public class EventSettings implements SettingsView {
    public AccountSettings account;
    /** For routing requests: the request's campaign. */
    public CampaignSettings campaign;
    /** For routing requests: one per candidate buyer, in the request's order. */
    public BuyerSettings[] buyers;

    public EventSettings() {}

    @Override
    public AccountSettings account(String accountId) {
        return account;
    }

    @Override
    public CampaignSettings campaign(String accountId, String campaignId) {
        return campaign;
    }

    @Override
    public BuyerSettings buyer(String accountId, String buyerId) {
        if (buyers != null) {
            for (BuyerSettings buyer : buyers) {
                if (buyerId.equals(buyer.buyerId)) {
                    return buyer;
                }
            }
        }
        return BuyerSettings.defaults(accountId, buyerId);
    }
}
