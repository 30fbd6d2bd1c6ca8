package io.leaddedup.job.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Deterministic synthetic traffic, as it arrives from Kafka: JSON leads over a pool of numbers in
 * mixed formats (US national, with country code, dotted, E.164), a share of inbound leads, CSV
 * uploads with and without relocation, some arriving out of order, a few bad lines, phone
 * dispositions and routing requests. Used by the benchmark and the failure tests.
 *
 * <p>Every event of one number goes to one Kafka key (its E.164), so per-number order holds across
 * partitions; with {@code withMobiles} off every lead has one number, which makes the job's output
 * a function of the input alone, whatever the interleaving of keys.
 */
public final class LoadGenerator {

    /** One event: the type (which names its topic), its Kafka key, and its JSON line. */
    public record Event(String type, String key, String json) {}

    private static final String[] FORMATS = {"(%s) %s-%s", "%s-%s-%s", "1 %s-%s-%s", "+1 (%s) %s-%s", "%s.%s.%s",
            "+1%s%s%s"};
    private static final long START = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    private static final JsonFactory JSON = new JsonFactory();

    private final Random random;
    private final int numbers;
    private final int accounts;
    private final boolean withMobiles;

    public LoadGenerator(long seed, int numbers, int accounts, boolean withMobiles) {
        this.random = new Random(seed);
        this.numbers = numbers;
        this.accounts = accounts;
        this.withMobiles = withMobiles;
    }

    /** The account settings of the generated accounts: each scope once, relocation on for most. */
    public List<String> settings() {
        String[] scopes = {"ACCOUNT", "CAMPAIGN", "LIST", "CAMPAIGN_PURPOSE"};
        List<String> lines = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            int account = a;
            lines.add(json(line -> {
                line.writeStringField("type", "account_settings");
                line.writeStringField("accountId", "acct-" + account);
                line.writeBooleanField("relocateDuplicatesApi", account % 4 != 3);
                line.writeStringField("filterAgainst", scopes[account % 4]);
                line.writeArrayFieldStart("additionalLists");
                line.writeString("list-1");
                line.writeEndArray();
                line.writeArrayFieldStart("additionalCampaigns");
                line.writeString("camp-1");
                line.writeEndArray();
                line.writeBooleanField("protectInbound", account % 2 == 0);
                line.writeBooleanField("matchMobile", account % 2 == 1);
            }));
        }
        return lines;
    }

    /** {@code leads} lead events, with dispositions and routing requests mixed in after them per key. */
    public List<Event> events(int leads) {
        List<Event> events = new ArrayList<>(leads + leads / 5);
        events(leads, events::add);
        return events;
    }

    /** Writes the events of {@code leads} leads to {@code file}, one JSON line each; returns how many. */
    public long writeEvents(int leads, java.nio.file.Path file) throws java.io.IOException {
        long[] written = {0};
        try (java.io.BufferedWriter writer = java.nio.file.Files.newBufferedWriter(file)) {
            events(leads, event -> {
                try {
                    writer.write(event.json());
                    writer.newLine();
                    written[0]++;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return written[0];
    }

    /** The same events, handed over one at a time: ten million of them do not fit in a small heap. */
    public void events(int leads, Consumer<Event> events) {
        for (int i = 0; i < leads; i++) {
            int number = random.nextInt(numbers);
            String account = "acct-" + (number % accounts);
            String e164 = e164(number);
            if (random.nextInt(200) == 0) {
                events.accept(new Event("lead", e164, badLine(i)));
                continue;
            }
            events.accept(new Event("lead", e164, lead(i, account, number)));
            if (random.nextInt(40) == 0) {
                String action = random.nextBoolean() ? "DISQUALIFY" : "REQUALIFY";
                String campaign = "camp-" + random.nextInt(3);
                long at = START + i * 1000L;
                events.accept(new Event("phone_disposition", e164, json(line -> {
                    line.writeStringField("type", "phone_disposition");
                    line.writeStringField("accountId", account);
                    line.writeStringField("campaignId", campaign);
                    line.writeStringField("phone", e164);
                    line.writeStringField("action", action);
                    line.writeStringField("reason", "rep");
                    line.writeNumberField("at", at);
                })));
            }
            if (random.nextInt(20) == 0) {
                String kind = random.nextBoolean() ? "CALL" : "RTB";
                long receivedAt = START + i * 1000L;
                int request = i;
                events.accept(new Event("routing_request", e164, json(line -> {
                    line.writeStringField("type", "routing_request");
                    line.writeStringField("requestId", "req-" + request);
                    line.writeStringField("accountId", account);
                    line.writeStringField("campaignId", "camp-0");
                    line.writeStringField("callerPhone", e164);
                    line.writeStringField("kind", kind);
                    line.writeArrayFieldStart("candidateBuyers");
                    for (String buyer : new String[] {"buyer-1", "buyer-2", "buyer-3"}) {
                        line.writeString(buyer);
                    }
                    line.writeEndArray();
                    line.writeNumberField("receivedAt", receivedAt);
                })));
            }
        }
    }

    private String lead(int i, String account, int number) {
        // Mostly in order, with one in ten leads imported up to a day earlier than its position.
        long importedAt = START + i * 1000L - (random.nextInt(10) == 0 ? random.nextInt(86_400_000) : 0);
        String source = switch (random.nextInt(20)) {
            case 0, 1, 2 -> "INBOUND";
            case 3, 4, 5, 6, 7 -> "CSV";
            default -> "API";
        };
        // the random draws in the order of the fields, so that a seed gives the same events as before
        String listId = "list-" + random.nextInt(4);
        String campaignId = "camp-" + random.nextInt(3);
        String purpose = random.nextBoolean() ? "solar" : "roofing";
        String phone = formatted(number);
        String mobile = withMobiles && random.nextInt(4) == 0 ? formatted(random.nextInt(numbers)) : null;
        boolean relocate = random.nextBoolean();
        return json(line -> {
            line.writeStringField("type", "lead");
            line.writeStringField("accountId", account);
            line.writeStringField("leadId", "L-" + i);
            line.writeStringField("listId", listId);
            line.writeStringField("campaignId", campaignId);
            line.writeStringField("campaignPurpose", purpose);
            line.writeStringField("phone", phone);
            if (mobile != null) {
                line.writeStringField("mobile", mobile);
            }
            line.writeStringField("source", source);
            line.writeNumberField("importedAt", importedAt);
            line.writeBooleanField("relocateDuplicates", relocate);
        });
    }

    /** What one line writes between its braces. */
    private interface Fields {
        void write(JsonGenerator line) throws IOException;
    }

    private static String json(Fields fields) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator line = JSON.createGenerator(text)) {
            line.writeStartObject();
            fields.write(line);
            line.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Lines that are bad on purpose, so written as text: one is not even complete JSON. */
    private String badLine(int i) {
        return switch (random.nextInt(4)) {
            case 0 -> "{\"type\":\"lead\",\"accountId\":\"acct-0\",\"leadId\":\"bad-" + i + "\"";
            case 1 -> "{\"type\":\"lead\",\"accountId\":\"acct-0\",\"leadId\":\"bad-" + i + "\",\"listId\":\"l\","
                    + "\"campaignId\":\"c\",\"campaignPurpose\":\"p\",\"phone\":\"555\",\"source\":\"API\","
                    + "\"importedAt\":1}";
            case 2 -> "{\"type\":\"lead\",\"accountId\":\"acct-0\",\"leadId\":\"bad-" + i + "\",\"source\":\"FAX\"}";
            default -> "{\"type\":\"lead\",\"accountId\":\"acct-0\",\"leadId\":\"bad-" + i + "\",\"listId\":\"l\","
                    + "\"campaignId\":\"c\",\"campaignPurpose\":\"p\",\"phone\":\"6789998212\",\"source\":\"API\","
                    + "\"importedAt\":\"yesterday\"}";
        };
    }

    /** A valid NANP number for each index: area and exchange codes 201-998. */
    static String digits(int number) {
        int area = 201 + (number / 10_000 / 798) % 798;
        int exchange = 201 + (number / 10_000) % 798;
        return String.format("%03d%03d%04d", area, exchange, number % 10_000);
    }

    static String e164(int number) {
        return "+1" + digits(number);
    }

    private String formatted(int number) {
        String digits = digits(number);
        return String.format(FORMATS[random.nextInt(FORMATS.length)], digits.substring(0, 3), digits.substring(3, 6),
                digits.substring(6));
    }
}
