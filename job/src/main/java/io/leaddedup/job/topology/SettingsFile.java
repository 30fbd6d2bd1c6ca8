package io.leaddedup.job.topology;

import io.leaddedup.events.RawEvent;
import io.leaddedup.events.Reject;
import io.leaddedup.events.RejectReason;
import io.leaddedup.ingest.DecodedEvent;
import io.leaddedup.ingest.EventDecoder;
import io.leaddedup.settings.StartupSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/** A JSONL file of settings records in force before the first event ({@code --settings}). */
public final class SettingsFile {

    private SettingsFile() {}

    /** Reads the settings; a line that is not a valid settings record goes to {@code rejects}. */
    public static StartupSettings read(Path file, Consumer<Reject> rejects) throws IOException {
        StartupSettings book = StartupSettings.empty();
        if (file == null) {
            return book;
        }
        EventDecoder decoder = new EventDecoder();
        Utf8Lines utf8 = new Utf8Lines();
        List<RawEvent> records = new ArrayList<>();
        for (String bytes : Files.readAllLines(file, Utf8Lines.READ_AS)) {
            RawEvent raw = utf8.map(bytes);
            raw.defaultType = EventDecoder.ANY_SETTINGS;
            records.add(raw);
        }
        book.identifiedAs(digest(records.stream().map(raw -> raw.text).toList()));
        for (RawEvent raw : records) {
            String line = raw.text;
            if (raw.unreadable == null && line.isBlank()) {
                continue;
            }
            DecodedEvent decoded = decoder.decode(raw);
            if (decoded.reject != null) {
                rejects.accept(decoded.reject);
            } else if (decoded.settings == null) {
                rejects.accept(new Reject(RejectReason.INVALID_VALUE,
                        "the settings file holds only account_settings, campaign_settings and buyer_settings "
                                + "records; events belong in the input",
                        line));
            } else {
                book.apply(decoded.settings);
            }
        }
        return book;
    }

    /** SHA-256 of the non-blank lines, so that the same settings read again are known as such. */
    private static String digest(List<String> lines) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String line : lines) {
                if (!line.isBlank()) {
                    sha.update(line.strip().getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) '\n');
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
