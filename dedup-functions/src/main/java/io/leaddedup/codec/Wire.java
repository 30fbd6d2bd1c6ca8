package io.leaddedup.codec;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** Field codecs shared by the explicit serializers; every one of them carries null. */
public final class Wire {

    private Wire() {}

    public static void writeString(String value, DataOutputView out) throws IOException {
        StringValue.writeString(value, out);
    }

    public static String readString(DataInputView in) throws IOException {
        return StringValue.readString(in);
    }

    /** An enum as its ordinal plus one; zero is null. */
    public static void writeEnum(Enum<?> value, DataOutputView out) throws IOException {
        out.writeByte(value == null ? 0 : value.ordinal() + 1);
    }

    public static <E extends Enum<E>> E readEnum(E[] values, DataInputView in) throws IOException {
        int code = in.readUnsignedByte();
        return code == 0 ? null : values[code - 1];
    }

    /** A string array as its length plus one; zero is null. */
    public static void writeStrings(String[] values, DataOutputView out) throws IOException {
        if (values == null) {
            out.writeInt(0);
            return;
        }
        out.writeInt(values.length + 1);
        for (String value : values) {
            writeString(value, out);
        }
    }

    public static String[] readStrings(DataInputView in) throws IOException {
        int length = in.readInt() - 1;
        if (length < 0) {
            return null;
        }
        String[] values = new String[length];
        for (int i = 0; i < length; i++) {
            values[i] = readString(in);
        }
        return values;
    }
}
