package io.leaddedup.vicidial;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * A number as VICIdial stores it: the country calling code ({@code phone_code}) apart from the
 * national significant number ({@code phone_number}), which is what its DNC tables hold. Numbers
 * of two countries can share their national digits, and so a DNC row.
 */
public record DialerNumber(String phoneCode, String nationalNumber) {

    /** The number whole again, which tells two countries' numbers with the same national digits apart. */
    public String e164() {
        return "+" + phoneCode + nationalNumber;
    }

    /** The dialer's form of an E.164 number, or why it has none. */
    public static DialerNumber of(String e164) throws Refusal {
        PhoneNumber number;
        try {
            number = PhoneNumberUtil.getInstance().parse(e164, null);
        } catch (NumberParseException e) {
            throw new Refusal("number '" + e164 + "' is not E.164: " + e.getMessage());
        }
        String national = PhoneNumberUtil.getInstance().getNationalSignificantNumber(number);
        if (national.isEmpty() || national.length() > VicidialColumns.PHONE_NUMBER) {
            throw new Refusal("number '" + e164 + "' has a national number of " + national.length()
                    + " digits; VICIdial's phone_number holds 1 to " + VicidialColumns.PHONE_NUMBER);
        }
        return new DialerNumber(Integer.toString(number.getCountryCode()), national);
    }
}
