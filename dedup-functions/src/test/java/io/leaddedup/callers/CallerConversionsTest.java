package io.leaddedup.callers;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaddedup.stage.StateRetention;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class CallerConversionsTest {

    private static final long T0 = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final StateRetention FOREVER = StateRetention.forever();
    private static final StateRetention THIRTY_DAYS = StateRetention.of(Duration.ofDays(30));

    private final CallerConversions conversions = new CallerConversions();

    @Test
    void findsTheLatestConversionAtOrBeforeATime() {
        conversions.record("b1", T0 + 2 * DAY, FOREVER);
        conversions.record("b1", T0, FOREVER); // out of order
        conversions.record("b1", T0 + 4 * DAY, FOREVER);

        assertThat(conversions.latestConversion("b1", T0 - 1)).isEqualTo(CallerConversions.NONE);
        assertThat(conversions.latestConversion("b1", T0)).isEqualTo(T0);
        assertThat(conversions.latestConversion("b1", T0 + 3 * DAY)).isEqualTo(T0 + 2 * DAY);
        assertThat(conversions.latestConversion("b1", T0 + 4 * DAY)).isEqualTo(T0 + 4 * DAY);
        assertThat(conversions.latestConversion("b1", Long.MAX_VALUE)).isEqualTo(T0 + 4 * DAY);
        assertThat(conversions.latestConversion("b2", Long.MAX_VALUE)).isEqualTo(CallerConversions.NONE);
    }

    @Test
    void keepsConversionsApartPerBuyer() {
        conversions.record("b1", T0, FOREVER);
        conversions.record("b2", T0 + DAY, FOREVER);

        assertThat(conversions.latestConversion("b1", T0 + DAY)).isEqualTo(T0);
        assertThat(conversions.latestConversion("b2", T0 + DAY)).isEqualTo(T0 + DAY);
        assertThat(conversions.buyers).hasSize(2);
    }

    @Test
    void aReplayedConversionChangesNothing() {
        assertThat(conversions.record("b1", T0, THIRTY_DAYS)).isTrue();
        assertThat(conversions.record("b2", T0 + DAY, THIRTY_DAYS)).isTrue();
        String before = conversions.toString();

        assertThat(conversions.record("b1", T0, THIRTY_DAYS)).isFalse();
        assertThat(conversions.record("b2", T0 + DAY, THIRTY_DAYS)).isFalse();

        assertThat(conversions.toString()).isEqualTo(before);
        assertThat(timesHeld(conversions)).isEqualTo(2);
    }

    @Test
    void keepsOnlyTheMostRecentTimesOfABuyer() {
        for (int i = 0; i < BuyerConversions.MAX_TIMES + 4; i++) {
            conversions.record("b1", T0 + i * DAY, FOREVER);
        }

        BuyerConversions buyer = conversions.find("b1");
        assertThat(buyer.convertedAt).hasSize(BuyerConversions.MAX_TIMES);
        assertThat(buyer.convertedAt[0]).isEqualTo(T0 + 4 * DAY);
        assertThat(buyer.convertedAt[BuyerConversions.MAX_TIMES - 1])
                .isEqualTo(T0 + (BuyerConversions.MAX_TIMES + 3) * DAY);
        assertThat(buyer.convertedAt).isSorted();
    }

    @Test
    void aFullBuyerIgnoresATimeOlderThanAllItKeepsAndTakesOneInBetween() {
        for (int i = 0; i < BuyerConversions.MAX_TIMES; i++) {
            conversions.record("b1", T0 + 2 * i * DAY, FOREVER);
        }

        assertThat(conversions.record("b1", T0 - DAY, FOREVER)).isFalse();
        assertThat(conversions.record("b1", T0 + 3 * DAY, FOREVER)).isTrue();

        BuyerConversions buyer = conversions.find("b1");
        assertThat(buyer.convertedAt).hasSize(BuyerConversions.MAX_TIMES).isSorted().doesNotContain(T0);
        assertThat(buyer.convertedAt[0]).isEqualTo(T0 + 2 * DAY);
        assertThat(buyer.convertedAt[1]).isEqualTo(T0 + 3 * DAY);
    }

    @Test
    void forgetsConversionsOlderThanTheRetentionBeforeTheBuyersNewest() {
        conversions.record("b1", T0, THIRTY_DAYS);
        conversions.record("b1", T0 + 10 * DAY, THIRTY_DAYS);
        conversions.record("b2", T0 + 20 * DAY, THIRTY_DAYS);

        assertThat(conversions.record("b1", T0 + 35 * DAY, THIRTY_DAYS)).isTrue();

        assertThat(conversions.find("b1").convertedAt).containsExactly(T0 + 10 * DAY, T0 + 35 * DAY);
        assertThat(conversions.find("b2").convertedAt).containsExactly(T0 + 20 * DAY);
    }

    @Test
    void aBuyersNewestConversionOutlivesLaterConversionsByOtherBuyers() {
        // A forever window: buyer b1's old conversion keeps the caller a duplicate for b1.
        StateRetention year = StateRetention.of(Duration.ofDays(365));
        conversions.record("b1", T0, year);

        conversions.record("b2", T0 + 800 * DAY, year);

        assertThat(conversions.latestConversion("b1", T0 + 900 * DAY)).isEqualTo(T0);
        assertThat(conversions.buyers).extracting(buyer -> buyer.buyerId).containsExactly("b1", "b2");
    }

    @Test
    void theRetentionIsExactlyInclusiveAtItsStart() {
        conversions.record("b1", T0, THIRTY_DAYS);

        conversions.record("b1", T0 + 30 * DAY, THIRTY_DAYS);

        assertThat(conversions.latestConversion("b1", T0)).isEqualTo(T0);
    }

    @Test
    void aConversionAlreadyOlderThanTheRetentionBeforeItsBuyersNewestIsNotRecorded() {
        conversions.record("b1", T0 + 40 * DAY, THIRTY_DAYS);

        assertThat(conversions.record("b1", T0, THIRTY_DAYS)).isFalse();
        assertThat(conversions.record("b2", T0, THIRTY_DAYS)).isTrue();

        assertThat(conversions.find("b1").convertedAt).containsExactly(T0 + 40 * DAY);
        assertThat(timesHeld(conversions)).isEqualTo(2);
    }

    @Test
    void aForeverRetentionPrunesNothing() {
        conversions.record("b1", T0, FOREVER);
        conversions.record("b2", T0 + 3650 * DAY, FOREVER);

        assertThat(conversions.latestConversion("b1", T0 + 3650 * DAY)).isEqualTo(T0);
    }

    @Test
    void isAFlinkPojoThatNeedsNoKryo() throws Exception {
        conversions.record("b1", T0, FOREVER);
        conversions.record("b1", T0 + DAY, FOREVER);
        conversions.record("b2", T0, FOREVER);

        CallerConversions copy = roundTrip(CallerConversions.class, conversions);

        assertThat(copy.toString()).isEqualTo(conversions.toString());
        assertThat(copy.latestConversion("b1", Long.MAX_VALUE)).isEqualTo(T0 + DAY);
    }

    @Test
    void routingDecisionIsAFlinkPojoThatNeedsNoKryo() throws Exception {
        RoutingDecision decision = new RoutingDecision();
        decision.requestId = "r1";
        decision.status = RoutingStatus.NO_TARGET;
        decision.kind = io.leaddedup.events.RoutingKind.RTB;
        decision.duplicateBuyers = new String[] {"b1"};
        decision.lastConvertedAtMillis = new long[] {T0};

        RoutingDecision copy = roundTrip(RoutingDecision.class, decision);

        assertThat(copy.toString()).isEqualTo(decision.toString());
    }

    /** Serializes as the job does, with generic types disabled: a Kryo fallback would throw. */
    static <T> T roundTrip(Class<T> type, T value) throws Exception {
        TypeInformation<T> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<T> serializer = info.createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    /** Conversion times held, over all buyers. */
    private static int timesHeld(CallerConversions conversions) {
        int held = 0;
        for (BuyerConversions buyer : conversions.buyers) {
            held += buyer.convertedAt.length;
        }
        return held;
    }
}
