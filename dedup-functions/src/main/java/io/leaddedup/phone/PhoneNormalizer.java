package io.leaddedup.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.io.Serializable;
import java.util.Set;

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
    private transient Set<String> nanpRegions;

    private PhoneNumberUtil util() {
        if (util == null) {
            util = PhoneNumberUtil.getInstance();
            nanpRegions = Set.copyOf(util.getRegionCodesForCountryCode(1));
        }
        return util;
    }

    /** The regions of country code 1, where a ten-digit number needs no country code. */
    private Set<String> nanpRegions() {
        util();
        return nanpRegions;
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
        String effectiveRegion = region == null ? DEFAULT_REGION : region;
        String fast = northAmerican(raw, nanpRegions().contains(effectiveRegion));
        return fast != null ? fast : withLibphonenumber(raw, effectiveRegion);
    }

    /**
     * The rule with libphonenumber's full parse alone: what {@link #toE164} answers for every input,
     * and the reference its fast path is checked and measured against.
     */
    public String withLibphonenumber(String raw, String region) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_INPUT_LENGTH) {
            return null;
        }
        PhoneNumberUtil phoneUtil = util();
        try {
            PhoneNumber number = phoneUtil.parse(raw, region == null ? DEFAULT_REGION : region);
            // IS_POSSIBLE only: a local-only number (seven digits, no area code) cannot be dialed
            // from a dialer, and E.164 of it would be a different, wrong number.
            if (phoneUtil.isPossibleNumberWithReason(number) != PhoneNumberUtil.ValidationResult.IS_POSSIBLE) {
                return null;
            }
            return phoneUtil.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            return null;
        }
    }

    /**
     * The common case without libphonenumber: a North American number written with digits and
     * the usual separators, e.g. {@code (678) 999-8212}, {@code 1 678-999-8212} or
     * {@code +1 678.999.8212}. Returns null for anything else (letters, extensions, other
     * countries, area codes starting 0 or 1), which then takes the full parse. It gives exactly
     * libphonenumber's answer on what it accepts (checked by a differential test), about ten times
     * faster.
     */
    static String northAmerican(String raw, boolean nanpRegion) {
        char[] digits = new char[12];
        digits[0] = '+';
        int count = 0;
        boolean plus = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                if (count == 11) {
                    return null;
                }
                digits[1 + count++] = c;
            } else if (c == '+') {
                if (plus || count > 0) {
                    return null;
                }
                plus = true;
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                return null;
            }
        }
        if (count == 11 && digits[1] == '1' && digits[2] >= '2') {
            return plus || nanpRegion ? new String(digits, 0, 12) : null;
        }
        if (count == 10 && !plus && nanpRegion && digits[1] >= '2') {
            return "+1" + new String(digits, 1, 10);
        }
        return null;
    }

    /** Whether {@code region} is a region libphonenumber knows, so an account setting can be checked. */
    public boolean isSupportedRegion(String region) {
        return region != null && util().getSupportedRegions().contains(region);
    }
}
