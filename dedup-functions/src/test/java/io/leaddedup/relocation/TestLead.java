package io.leaddedup.relocation;

import io.leaddedup.events.LeadSource;
import io.leaddedup.phone.NumberColumn;
import java.util.ArrayList;
import java.util.List;

/** A lead for tests, with both numbers already E.164; {@link #atNumbers()} fans it out like the job. */
public final class TestLead {
    public String accountId = "acct";
    public String leadId;
    public String listId = "list-1";
    public String campaignId = "camp-1";
    public String purpose = "sales";
    public String phone = "+16789998212";
    public String mobile;
    public LeadSource source = LeadSource.API;
    public long importedAt;
    public boolean relocateDuplicates;

    private TestLead(String leadId, long importedAt) {
        this.leadId = leadId;
        this.importedAt = importedAt;
    }

    public static TestLead lead(String leadId, long importedAt) {
        return new TestLead(leadId, importedAt);
    }

    public TestLead list(String value) {
        listId = value;
        return this;
    }

    public TestLead campaign(String value) {
        campaignId = value;
        return this;
    }

    public TestLead purpose(String value) {
        purpose = value;
        return this;
    }

    public TestLead phone(String value) {
        phone = value;
        return this;
    }

    public TestLead mobile(String value) {
        mobile = value;
        return this;
    }

    public TestLead source(LeadSource value) {
        source = value;
        return this;
    }

    public TestLead account(String value) {
        accountId = value;
        return this;
    }

    /** A CSV upload with the "Relocate Duplicates" option ticked. */
    public TestLead csvRelocating() {
        source = LeadSource.CSV;
        relocateDuplicates = true;
        return this;
    }

    public LeadAtNumber at(NumberColumn column) {
        LeadAtNumber lead = new LeadAtNumber();
        lead.accountId = accountId;
        lead.leadId = leadId;
        lead.listId = listId;
        lead.campaignId = campaignId;
        lead.campaignPurpose = purpose;
        lead.source = source;
        lead.importedAt = importedAt;
        lead.relocateDuplicates = relocateDuplicates;
        lead.number = column == NumberColumn.PHONE ? phone : mobile;
        lead.column = column;
        return lead;
    }

    public List<LeadAtNumber> atNumbers() {
        List<LeadAtNumber> copies = new ArrayList<>();
        copies.add(at(NumberColumn.PHONE));
        if (mobile != null && !mobile.equals(phone)) {
            copies.add(at(NumberColumn.MOBILE));
        }
        return copies;
    }

    @Override
    public String toString() {
        return leadId + "@" + importedAt + "[" + source + (relocateDuplicates ? "+reloc" : "") + ", " + listId + ", "
                + campaignId + ", " + purpose + ", " + phone + (mobile != null ? "/" + mobile : "") + "]";
    }
}
