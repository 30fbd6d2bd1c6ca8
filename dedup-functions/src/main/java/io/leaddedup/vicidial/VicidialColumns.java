package io.leaddedup.vicidial;

/**
 * The widths of the VICIdial columns the adapter writes, from VICIdial's own schema
 * ({@code extras/MySQL_AST_CREATE_tables.sql}). A value wider than its column is refused, never
 * cut: a cut campaign id or number would name another campaign or another person.
 */
public final class VicidialColumns {

    /** {@code vicidial_campaign_dnc.campaign_id}, {@code vicidial_hopper.campaign_id}. */
    public static final int CAMPAIGN_ID = 8;
    /** {@code vicidial_list.phone_number}, {@code vicidial_campaign_dnc.phone_number}, {@code vicidial_dnc.phone_number}. */
    public static final int PHONE_NUMBER = 18;
    /** {@code vicidial_list.vendor_lead_code}, where an external system's lead id lives. */
    public static final int VENDOR_LEAD_CODE = 20;

    private VicidialColumns() {}
}
