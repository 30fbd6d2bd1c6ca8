package io.leaddedup.job.topology;

import io.leaddedup.events.RawEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Lines of a JSONL file (local mode's input, a settings file) decoded as strict UTF-8, so that a
 * line that is not UTF-8 is a {@code MALFORMED} reject, as a Kafka record is, instead of a lead
 * whose id silently holds U+FFFD where its bytes were. The file is read as ISO-8859-1, one char
 * per byte, so each line holds its exact bytes; the line breaks are the same, because no byte of
 * a multi-byte UTF-8 sequence is CR or LF.
 */
public final class Utf8Lines implements MapFunction<String, RawEvent> {
    private static final long serialVersionUID = 1L;

    /** How the file is read: every byte one char, none lost. */
    public static final Charset READ_AS = StandardCharsets.ISO_8859_1;

    /** A file saved "UTF-8 with BOM" starts with these bytes, as ISO-8859-1 reads them: no content. */
    private static final String BYTE_ORDER_MARK = "\u00EF\u00BB\u00BF";

    @Override
    public RawEvent map(String bytesAsChars) {
        if (bytesAsChars.startsWith(BYTE_ORDER_MARK)) {
            bytesAsChars = bytesAsChars.substring(BYTE_ORDER_MARK.length());
        }
        if (isAscii(bytesAsChars)) {
            return new RawEvent(null, bytesAsChars);
        }
        byte[] bytes = bytesAsChars.getBytes(READ_AS);
        String text = strictUtf8(bytes);
        return text != null ? new RawEvent(null, text)
                : RawEvent.unreadable(null, new String(bytes, StandardCharsets.UTF_8),
                        "not UTF-8 text: the line holds bytes that are no UTF-8 character (a file saved as Latin-1 or"
                                + " Windows-1252?)");
    }

    /**
     * The bytes as text, or null where they are not UTF-8: the one reading of every input (file
     * lines, Kafka records, the settings topic's start-up snapshot), so all reject the same bytes.
     */
    public static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Whether the line is ASCII, which is the same text in every one of these charsets. */
    private static boolean isAscii(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
