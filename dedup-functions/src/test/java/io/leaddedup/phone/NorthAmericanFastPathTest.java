package io.leaddedup.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path must never disagree with libphonenumber's full parse: on a large random corpus of real formats,
 * near misses and garbage, {@link PhoneNormalizer#toE164} equals the plain libphonenumber answer.
 */
class NorthAmericanFastPathTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String[] SEPARATORS = {"", " ", "-", ".", "(", ")", "  ", "+", "x", "/", "ext. 4"};

    @ParameterizedTest
    @ValueSource(strings = {"US", "CA", "PR", "GB", "DE", "IN"})
    void agreesWithLibphonenumberOnEveryInput(String region) {
        PhoneNormalizer normalizer = new PhoneNormalizer();
        Random random = new Random(region.hashCode());
        List<String> disagreements = new ArrayList<>();
        int fastPathHits = 0;
        for (int i = 0; i < 40_000; i++) {
            String raw = randomInput(random);
            String expected = normalizer.withLibphonenumber(raw, region);
            String actual = normalizer.toE164(raw, region);
            if (PhoneNormalizer.northAmerican(raw, UTIL.getRegionCodesForCountryCode(1).contains(region)) != null) {
                fastPathHits++;
            }
            if (!java.util.Objects.equals(expected, actual)) {
                disagreements.add(raw + " -> " + actual + " (libphonenumber: " + expected + ")");
            }
        }
        assertThat(disagreements).isEmpty();
        if (!region.equals("GB") && !region.equals("DE") && !region.equals("IN")) {
            assertThat(fastPathHits).as("the corpus exercises the fast path").isGreaterThan(2_000);
        }
    }

    private static String randomInput(Random random) {
        StringBuilder raw = new StringBuilder();
        switch (random.nextInt(6)) {
            case 0 -> raw.append("+1");
            case 1 -> raw.append('1');
            case 2 -> raw.append("+");
            case 3 -> raw.append("011 44");
            default -> { }
        }
        int digits = 6 + random.nextInt(7);
        for (int i = 0; i < digits; i++) {
            if (random.nextInt(4) == 0) {
                raw.append(SEPARATORS[random.nextInt(random.nextInt(10) == 0 ? SEPARATORS.length : 6)]);
            }
            // leading digits biased to 2-9, with some 0 and 1 to hit the edges
            raw.append((char) ('0' + random.nextInt(10)));
        }
        if (random.nextInt(50) == 0) {
            raw.append(" ABC");
        }
        return raw.toString();
    }
}
