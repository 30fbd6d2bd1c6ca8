package io.leaddedup.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The "Lead Upload" file: a CSV with a header naming a lead id column ({@code leadId},
 * {@code lead_id} or {@code id}), {@code phone}, and optionally {@code mobile} and
 * {@code importedAt}. Quoted fields (RFC 4180) are understood; columns are matched without regard
 * to case.
 */
final class LeadCsv {

    private final int leadId;
    private final int phone;
    private final int mobile;
    private final int importedAt;

    private LeadCsv(int leadId, int phone, int mobile, int importedAt) {
        this.leadId = leadId;
        this.phone = phone;
        this.mobile = mobile;
        this.importedAt = importedAt;
    }

    static LeadCsv fromHeader(String header) {
        List<String> columns = fields(header);
        int id = -1;
        int phone = -1;
        int mobile = -1;
        int imported = -1;
        for (int i = 0; i < columns.size(); i++) {
            switch (columns.get(i).trim().toLowerCase(Locale.ROOT)) {
                case "leadid", "lead_id", "id" -> id = id < 0 ? i : id;
                case "phone", "phone_number" -> phone = i;
                case "mobile", "mobile_phone" -> mobile = i;
                case "importedat", "imported_at" -> imported = i;
                default -> { }
            }
        }
        if (id < 0 || phone < 0) {
            throw new UsageException("the CSV header must name a lead id column (leadId, lead_id or id) "
                    + "and a phone column; got: " + header);
        }
        return new LeadCsv(id, phone, mobile, imported);
    }

    record Row(String leadId, String phone, String mobile, String importedAt) {}

    Row row(String line) {
        List<String> fields = fields(line);
        return new Row(at(fields, leadId), at(fields, phone), at(fields, mobile), at(fields, importedAt));
    }

    private static String at(List<String> fields, int index) {
        if (index < 0 || index >= fields.size()) {
            return null;
        }
        String value = fields.get(index).trim();
        return value.isEmpty() ? null : value;
    }

    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
