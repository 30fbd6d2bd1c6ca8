package io.leaddedup.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.io.Serializable;

/**
 * Turns whatever a lead source typed into an E.164 number, or says it cannot.
 *
 * <p>The contract's rule: parse with libphonenumber in the account's default region (for numbers
 * without a country code) and accept the number only if it is a <em>possible</em> number for its
 * region. Possible, not valid: carriers hand out new ranges faster than metadata is released, and
 * rejecting a real lead because of stale metadata would lose a paid-for lead.
 *
 * <p>Sits on the hot path: one parse per number per event, no per-call allocation beyond what
 * libphonenumber itself does. Thread-safe ({@link PhoneNumberUtil} is).
 */
public final class PhoneNormalizer implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The region used when an account says nothing. */
    public static final String DEFAULT_REGION = "US";

    /** Longer inputs are garbage (or an attack); libphonenumber caps at 250 too. */
    private static final int MAX_INPUT_LENGTH = 64;

    private transient PhoneNumberUtil util;

    private PhoneNumberUtil util() {
        if (util == null) {
            util = PhoneNumberUtil.getInstance();
        }
        return util;
    }

    /**
     * @param raw the number as received; may be null or blank
     * @param region ISO 3166 region for numbers without a country code, e.g. {@code US}
     * @return the E.164 form ({@code +16789998212}), or {@code null} if the number is invalid
     */
    public String toE164(String raw, String region) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_INPUT_LENGTH) {
            return null;
        }
        PhoneNumberUtil phoneUtil = util();
        try {
            PhoneNumber number = phoneUtil.parse(raw, region == null ? DEFAULT_REGION : region);
            if (!phoneUtil.isPossibleNumber(number)) {
                return null;
            }
            return phoneUtil.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** Whether {@code region} is a region libphonenumber knows, so an account setting can be checked. */
    public boolean isSupportedRegion(String region) {
        return region != null && util().getSupportedRegions().contains(region);
    }
}
