package io.leaddedup.settings;

/**
 * The settings in force for one event, attached where the event is read. Used when every settings
 * record passes through the same reader as the events, in order (local mode: one file, one
 * reader): the keyed stages then apply exactly the settings the file's order says, instead of
 * whatever the broadcast channel has delivered by the time the event arrives.
 */
public class SettingsStamp {
    public AccountSettings account;
    /** For routing requests: the request's campaign. */
    public CampaignSettings campaign;
    /** For routing requests: one per candidate buyer, in the request's order. */
    public BuyerSettings[] buyers;

    public SettingsStamp() {}
}
