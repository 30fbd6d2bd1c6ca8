package io.leaddedup.bench;

import io.leaddedup.phone.PhoneNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/** The product's normalizer against plain libphonenumber on the same realistic mix of inputs. */
public record NormalizerComparison(double speedup, long disagreements) {

    private static final PhoneNormalizer PLAIN = new PhoneNormalizer();

    /** Plain libphonenumber: parse, possible, format. */
    public static String plain(String raw, String region) {
        return PLAIN.withLibphonenumber(raw, region);
    }

    /** US formats as leads arrive, with some international numbers and garbage. */
    static List<String> inputs(int count) {
        Random random = new Random(7);
        String[] formats = {"(%s) %s-%s", "%s-%s-%s", "1 %s-%s-%s", "+1 (%s) %s-%s", "%s.%s.%s", "%s%s%s"};
        List<String> inputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(100);
            String a = Integer.toString(201 + random.nextInt(790));
            String b = Integer.toString(201 + random.nextInt(790));
            String c = String.format("%04d", random.nextInt(10_000));
            if (kind < 85) {
                inputs.add(String.format(formats[random.nextInt(formats.length)], a, b, c));
            } else if (kind < 92) {
                inputs.add("+44 20 7946 " + c);
            } else if (kind < 95) {
                inputs.add("011 49 30 901820" + random.nextInt(10));
            } else if (kind < 98) {
                inputs.add(a + "-" + c);
            } else {
                inputs.add("n/a " + c);
            }
        }
        return inputs;
    }

    static NormalizerComparison run(int count, int repetitions) {
        List<String> inputs = inputs(count);
        PhoneNormalizer normalizer = new PhoneNormalizer();
        long disagreements = 0;
        for (String input : inputs) {
            if (!Objects.equals(normalizer.toE164(input, "US"), plain(input, "US"))) {
                disagreements++;
            }
        }
        List<Double> speedups = new ArrayList<>();
        for (int r = 0; r < repetitions; r++) {
            long sink = 0;
            long start = System.nanoTime();
            for (String input : inputs) {
                String e164 = plain(input, "US");
                sink += e164 == null ? 0 : e164.length();
            }
            long plainNanos = System.nanoTime() - start;
            start = System.nanoTime();
            for (String input : inputs) {
                String e164 = normalizer.toE164(input, "US");
                sink += e164 == null ? 0 : e164.length();
            }
            long productNanos = System.nanoTime() - start;
            speedups.add((double) plainNanos / productNanos + (sink == 42 ? 1e-9 : 0));
        }
        return new NormalizerComparison(Bench.median(speedups), disagreements);
    }
}
