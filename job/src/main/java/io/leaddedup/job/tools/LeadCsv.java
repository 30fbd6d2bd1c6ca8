package io.leaddedup.job.tools;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.leaddedup.job.cli.UsageException;
import java.io.IOException;
import java.io.Reader;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The "Lead Upload" file: a CSV with a header naming a lead id column ({@code leadId},
 * {@code lead_id} or {@code id}), {@code phone}, and optionally {@code mobile} and
 * {@code importedAt}; columns are matched without regard to case. Parsed by Jackson's CSV module
 * (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes), rows read one at a time.
 */
public final class LeadCsv implements Iterator<LeadCsv.Row>, AutoCloseable {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    public record Row(String leadId, String phone, String mobile, String importedAt) {}

    private final MappingIterator<List<String>> rows;
    private final int leadId;
    private final int phone;
    private final int mobile;
    private final int importedAt;

    private LeadCsv(MappingIterator<List<String>> rows, int leadId, int phone, int mobile, int importedAt) {
        this.rows = rows;
        this.leadId = leadId;
        this.phone = phone;
        this.mobile = mobile;
        this.importedAt = importedAt;
    }

    /** Reads the header; a file without one, or without a lead id and a phone column, is refused. */
    static LeadCsv open(Reader reader, String name) throws IOException {
        MappingIterator<List<String>> rows = CSV.readerForListOf(String.class).readValues(reader);
        if (!rows.hasNext()) {
            throw new UsageException(name + " is empty");
        }
        List<String> columns = rows.next();
        int id = -1;
        int phone = -1;
        int mobile = -1;
        int imported = -1;
        for (int i = 0; i < columns.size(); i++) {
            switch (columns.get(i).replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT)) {
                case "leadid", "lead_id", "id" -> id = id < 0 ? i : id;
                case "phone", "phone_number" -> phone = i;
                case "mobile", "mobile_phone" -> mobile = i;
                case "importedat", "imported_at" -> imported = i;
                default -> { }
            }
        }
        if (id < 0 || phone < 0) {
            throw new UsageException("the CSV header must name a lead id column (leadId, lead_id or id) "
                    + "and a phone column; got: " + String.join(",", columns));
        }
        return new LeadCsv(rows, id, phone, mobile, imported);
    }

    @Override
    public boolean hasNext() {
        return rows.hasNext();
    }

    @Override
    public Row next() {
        if (!rows.hasNext()) {
            throw new NoSuchElementException();
        }
        List<String> fields;
        try {
            fields = rows.next();
        } catch (RuntimeException e) {
            // Jackson's unchecked mapping errors: a broken quote, a bad encoding
            throw new UsageException("the CSV cannot be read at line " + rows.getCurrentLocation().getLineNr()
                    + ": " + e.getMessage());
        }
        return new Row(at(fields, leadId), at(fields, phone), at(fields, mobile), at(fields, importedAt));
    }

    private static String at(List<String> fields, int index) {
        if (index < 0 || index >= fields.size()) {
            return null;
        }
        String value = fields.get(index).trim();
        return value.isEmpty() ? null : value;
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
