package io.leaddedup.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The normalizer's behaviour pinned on a table of real formats (and of things that are not numbers). */
class PhoneNormalizerTest {

    private final PhoneNormalizer normalizer = new PhoneNormalizer();

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        // the contract's four examples
        "1 678-999-8212          | US | +16789998212",
        "(678)-999 8212          | US | +16789998212",
        "678 999 8212            | US | +16789998212",
        "+1 (678) 999-8212       | US | +16789998212",
        // other national and international writings
        "678.999.8212            | US | +16789998212",
        "6789998212              | US | +16789998212",
        "+16789998212            | US | +16789998212",
        "1-678-999-8212          | CA | +16789998212",
        "+1 678 999 8212         | GB | +16789998212",
        "011 44 20 7946 0958     | US | +442079460958",
        "+44 20 7946 0958        | US | +442079460958",
        "020 7946 0958           | GB | +442079460958",
        "07700 900123            | GB | +447700900123",
        "+49 30 901820           | US | +4930901820",
        // extensions are not part of the number
        "678-999-8212 ext. 12    | US | +16789998212",
        "678-999-8212 x12        | US | +16789998212",
        // vanity numbers are dialable
        "1-800-FLOWERS           | US | +18003569377",
        // not numbers, or not complete ones
        "999-8212                | US | null",
        "12                      | US | null",
        "(678) 999-82121         | US | null",
        "call me maybe           | US | null",
        "+                       | US | null",
        "07700 900123            | US | null",
    })
    void normalizes(String raw, String region, String expected) {
        assertThat(normalizer.toE164(raw.trim(), region)).isEqualTo(expected);
    }

    @Test
    void emptyBlankNullAndHugeInputsAreInvalid() {
        assertThat(normalizer.toE164(null, "US")).isNull();
        assertThat(normalizer.toE164("", "US")).isNull();
        assertThat(normalizer.toE164("   ", "US")).isNull();
        assertThat(normalizer.toE164("6".repeat(500), "US")).isNull();
    }

    @Test
    void aMissingRegionMeansUs() {
        assertThat(normalizer.toE164("678 999 8212", null)).isEqualTo("+16789998212");
    }

    @Test
    void knowsWhichRegionsExist() {
        assertThat(normalizer.isSupportedRegion("GB")).isTrue();
        assertThat(normalizer.isSupportedRegion("XX")).isFalse();
        assertThat(normalizer.isSupportedRegion(null)).isFalse();
    }
}
