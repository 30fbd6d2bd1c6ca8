package io.leaddedup.vicidial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each output record asks of VICIdial, and what VICIdial's columns cannot hold. */
class VicidialPlanTest {

    @ParameterizedTest
    @CsvSource({
        "ACTIVE,       list-1,              ",
        "RELOCATED,    SYS_DUPLICATES_LIST, duplicates",
        "DISQUALIFIED, SYS_DUPLICATES_LIST, duplicates",
        "DISQUALIFIED, list-1,              hopper",
        "ACTIVE,       SYS_DUPLICATES_LIST, duplicates",
    })
    void aLeadLeavesDialingWhenRelocatedOrDisqualified(String status, String listId, String expected) throws Refusal {
        Optional<DialerChange> change = VicidialPlan.forLeadStatus("L-1", status, listId);
        if (expected == null) {
            assertThat(change).isEmpty();
        } else if (expected.equals("duplicates")) {
            assertThat(change).contains(new DialerChange.ToDuplicatesList("L-1"));
        } else {
            assertThat(change).contains(new DialerChange.OutOfHopper("L-1"));
        }
    }

    @Test
    void aLeadIdLongerThanVendorLeadCodeIsRefusedNotCut() throws Refusal {
        assertThatThrownBy(() -> VicidialPlan.forLeadStatus("L-123456789012345678901", "RELOCATED", "SYS_DUPLICATES_LIST"))
                .isInstanceOf(Refusal.class).hasMessageContaining("L-123456789012345678901")
                .hasMessageContaining("vendor_lead_code");
        // an active lead asks nothing, so its id's length does not matter
        assertThat(VicidialPlan.forLeadStatus("L-123456789012345678901", "ACTIVE", "list-1")).isEmpty();
    }

    @Test
    void countsListAndUnlistTheNationalNumber() throws Refusal {
        assertThat(VicidialPlan.forPhoneCount("SOLAR", "+16789998212", true, "1"))
                .contains(new DialerChange.CampaignDnc("SOLAR", new DialerNumber("1", "6789998212"), true));
        assertThat(VicidialPlan.forPhoneCount("SOLAR", "+16789998212", false, "1"))
                .contains(new DialerChange.CampaignDnc("SOLAR", new DialerNumber("1", "6789998212"), false));
        assertThat(VicidialPlan.forPhoneCount("*", "+447911123456", true, "44"))
                .contains(new DialerChange.SystemDnc(new DialerNumber("44", "7911123456"), true));
    }

    @Test
    void aCampaignIdLongerThanEightIsRefusedOnlyWhenSomethingWouldBeListed() throws Refusal {
        assertThatThrownBy(() -> VicidialPlan.forPhoneCount("camp-solar-q4", "+16789998212", true, "1"))
                .isInstanceOf(Refusal.class).hasMessageContaining("'camp-solar-q4'").hasMessageContaining("8 characters");
        assertThat(VicidialPlan.forPhoneCount("camp-solar-q4", "+16789998212", false, "1")).isEmpty();
    }

    @Test
    void aNumberOfAnotherCountryIsRefusedBecauseItsNationalDigitsNameSomeoneElse() throws Refusal {
        // +44 20 2555 0100 and +1 202 555 0100 share their national digits
        assertThatThrownBy(() -> VicidialPlan.forPhoneCount("SOLAR", "+442025550100", true, "1"))
                .isInstanceOf(Refusal.class).hasMessageContaining("country code 44").hasMessageContaining("country code 1");
        assertThatThrownBy(() -> VicidialPlan.forPhoneCount("*", "+442025550100", true, "1"))
                .isInstanceOf(Refusal.class).hasMessageContaining("the system DNC list");
        assertThat(VicidialPlan.forPhoneCount("SOLAR", "+442025550100", false, "1")).isEmpty();
        // a database that did not name its country takes every country's numbers
        assertThat(VicidialPlan.forPhoneCount("SOLAR", "+442025550100", true, null))
                .contains(new DialerChange.CampaignDnc("SOLAR", new DialerNumber("44", "2025550100"), true));
    }

    @Test
    void theDialersNumberSplitsTheCountryCodeFromTheNationalNumber() throws Refusal {
        assertThat(DialerNumber.of("+16789998212")).isEqualTo(new DialerNumber("1", "6789998212"));
        assertThat(DialerNumber.of("+442079460000")).isEqualTo(new DialerNumber("44", "2079460000"));
        assertThat(DialerNumber.of("+390612345678").e164()).isEqualTo("+390612345678"); // Italy's leading zero stays
        assertThatThrownBy(() -> DialerNumber.of("6789998212")).isInstanceOf(Refusal.class).hasMessageContaining("E.164");
    }
}
