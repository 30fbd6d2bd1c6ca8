package io.leaddedup.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaddedup.disqualification.NumberDisposition;
import io.leaddedup.events.RawEvent;
import io.leaddedup.relocation.LeadAtNumber;
import io.leaddedup.settings.AccountSettings;
import io.leaddedup.settings.SettingsOrigin;
import io.leaddedup.stage.phone.NumberEvent;
import io.leaddedup.status.LeadSignal;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The hand-written serializers of records in flight carry every field. Records are filled by
 * reflection, so a field added to a class and forgotten in its serializer fails here.
 */
class ExplicitSerializersTest {

    @Test
    void aLeadAtANumberWithStampedSettingsSurvivesTheWire() throws Exception {
        NumberEvent event = NumberEvent.of(filled(LeadAtNumber.class));
        assertRoundTrip(event, NumberEvent.class);
    }

    @Test
    void aDispositionSurvivesTheWire() throws Exception {
        assertRoundTrip(NumberEvent.of(filled(NumberDisposition.class)), NumberEvent.class);
    }

    @Test
    void nullsAndDefaultsSurviveTheWire() throws Exception {
        LeadAtNumber lead = new LeadAtNumber();
        lead.leadId = "L1";
        assertRoundTrip(NumberEvent.of(lead), NumberEvent.class);
        assertRoundTrip(new LeadSignal(), LeadSignal.class);
        assertRoundTrip(new RawEvent(null, "{}"), RawEvent.class);
    }

    @Test
    void signalsAndRawEventsSurviveTheWire() throws Exception {
        assertRoundTrip(filled(LeadSignal.class), LeadSignal.class);
        assertRoundTrip(filled(RawEvent.class), RawEvent.class);
    }

    @Test
    void flinkPicksTheExplicitSerializersNotThePojoOne() {
        assertThat(TypeInformation.of(NumberEvent.class)).isInstanceOf(ExplicitTypeInfo.class);
        assertThat(TypeInformation.of(LeadSignal.class)).isInstanceOf(ExplicitTypeInfo.class);
        assertThat(TypeInformation.of(RawEvent.class)).isInstanceOf(ExplicitTypeInfo.class);
    }

    private static <T> void assertRoundTrip(T record, Class<T> type) throws Exception {
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(record, out);
        T back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).usingRecursiveComparison().isEqualTo(record);
        assertThat(serializer.copy(record)).usingRecursiveComparison().isEqualTo(record);
    }

    /** Every instance field set to a value other than its default, nested records included. */
    static <T> T filled(Class<T> type) throws Exception {
        T record = type.getDeclaredConstructor().newInstance();
        int n = 0;
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            n++;
            Class<?> fieldType = field.getType();
            Object value;
            if (fieldType == String.class) {
                value = field.getName() + "-" + n;
            } else if (fieldType == long.class) {
                value = 1_000L + n;
            } else if (fieldType == int.class) {
                value = 10 + n;
            } else if (fieldType == SettingsOrigin.class) {
                value = filled(SettingsOrigin.class);
            } else if (fieldType == boolean.class) {
                value = !field.getBoolean(record);
            } else if (fieldType == String[].class) {
                value = new String[] {"x-" + n, "y-" + n};
            } else if (fieldType.isEnum()) {
                Object[] constants = fieldType.getEnumConstants();
                value = constants[constants.length - 1];
            } else if (fieldType == AccountSettings.class) {
                value = filled(AccountSettings.class);
            } else {
                throw new AssertionError("no test value for " + type.getSimpleName() + "." + field.getName());
            }
            field.set(record, value);
        }
        return record;
    }
}
