package io.leaddedup.job.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leaddedup.job.cli.UsageException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import picocli.CommandLine.Option;

/**
 * The "Lead Upload" screen's choices, which every row of a CSV upload takes: account, list,
 * campaign, purpose, and whether to relocate older duplicates. Shared by {@code upload-csv} and
 * {@code bootstrap} (a CSV export), so that both turn a row into the same {@code lead} event.
 */
public final class CsvUpload {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--account", paramLabel = "A", description = "the account of every row (CSV)") String account;
    @Option(names = "--list", paramLabel = "L", description = "the list of every row (CSV)") String list;
    @Option(names = "--campaign", paramLabel = "C", description = "the campaign of every row (CSV)") String campaign;
    @Option(names = "--purpose", paramLabel = "P", description = "the campaign purpose of every row (CSV)")
    String purpose;

    @Option(names = "--relocate-duplicates", description = "the upload screen's option: relocate older duplicates")
    boolean relocateDuplicates;

    /** Refuses a CSV without the upload screen's four choices, naming the missing flags. */
    public void requireChoices(String why) {
        List<String> missing = new ArrayList<>();
        if (account == null) {
            missing.add("--account");
        }
        if (list == null) {
            missing.add("--list");
        }
        if (campaign == null) {
            missing.add("--campaign");
        }
        if (purpose == null) {
            missing.add("--purpose");
        }
        if (!missing.isEmpty()) {
            throw new UsageException(why + " needs " + String.join(", ", missing)
                    + ": the upload screen's choices that every row takes");
        }
    }

    public String account() {
        return account;
    }

    /** One row as a {@code lead} event with source CSV; a row without an import time takes {@code uploadedAt}. */
    String leadEvent(LeadCsv.Row row, String uploadedAt) {
        ObjectNode lead = JSON.createObjectNode();
        lead.put("type", "lead");
        lead.put("accountId", account);
        lead.put("leadId", row.leadId());
        lead.put("listId", list);
        lead.put("campaignId", campaign);
        lead.put("campaignPurpose", purpose);
        lead.put("phone", row.phone());
        if (row.mobile() != null) {
            lead.put("mobile", row.mobile());
        }
        lead.put("source", "CSV");
        lead.put("importedAt", row.importedAt() != null ? row.importedAt() : uploadedAt);
        lead.put("relocateDuplicates", relocateDuplicates);
        return lead.toString();
    }

    /**
     * Every row of {@code csv} as a lead event, in the file's order. Bad rows are passed on as they
     * are: the job rejects them with a reason, in one place.
     */
    public void forEachLead(Path csv, BiConsumer<LeadCsv.Row, String> lead) throws IOException {
        String uploadedAt = Instant.now().toString();
        Charset charset = charsetOf(csv);
        try (BufferedReader reader = Files.newBufferedReader(csv, charset);
                LeadCsv rows = LeadCsv.open(reader, csv.toString())) {
            while (rows.hasNext()) {
                LeadCsv.Row row = rows.next();
                if (row.leadId() == null && row.phone() == null) {
                    continue; // a row of empty fields
                }
                lead.accept(row, leadEvent(row, uploadedAt));
            }
        }
    }

    /**
     * UTF-8 where the file is; else Windows-1252, which is what Excel's "CSV (Comma delimited)"
     * writes, so that a name column with "José" in it does not stop an upload whose lead ids and
     * phones are plain ASCII.
     */
    static Charset charsetOf(Path csv) throws IOException {
        try (Reader strict = new InputStreamReader(Files.newInputStream(csv), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            char[] buffer = new char[8192];
            while (strict.read(buffer) >= 0) {
                // read through: a byte that is no UTF-8 stops it
            }
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException notUtf8) {
            System.err.println("lead-dedup: " + csv + " is not UTF-8 text; read as Windows-1252 (Excel's \"CSV (Comma"
                    + " delimited)\"). Save it as \"CSV UTF-8\" to be sure of accented lead ids.");
            return WINDOWS_1252;
        }
    }

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** Writes every row of {@code csv} to {@code events} as a JSONL lead event. */
    public void writeEvents(Path csv, Path events) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(events, StandardCharsets.UTF_8)) {
            IOException[] failure = {null};
            forEachLead(csv, (row, event) -> {
                try {
                    out.write(event);
                    out.newLine();
                } catch (IOException e) {
                    failure[0] = failure[0] == null ? e : failure[0];
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        }
    }
}
