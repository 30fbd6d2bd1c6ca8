package io.leaddedup.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaddedup.job.local.LocalRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads a local run's JSONL outputs the way a consumer of the topics would. */
final class OutputFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path dir;

    OutputFiles(Path dir) {
        this.dir = dir;
    }

    List<JsonNode> records(String file) {
        try {
            return Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .map(OutputFiles::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a compacted topic keeps: the latest record per key. */
    Map<String, JsonNode> latestBy(String file, Function<JsonNode, String> key) {
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        for (JsonNode record : records(file)) {
            latest.put(key.apply(record), record);
        }
        return latest;
    }

    Map<String, JsonNode> latestStatus() {
        return latestBy(LocalRun.LEAD_STATUS, r -> r.get("leadId").asText());
    }

    Map<String, JsonNode> latestCounts() {
        return latestBy(LocalRun.CAMPAIGN_PHONE_COUNTS,
                r -> r.get("accountId").asText() + "/" + r.get("campaignId").asText() + "/" + r.get("phone").asText());
    }

    private static JsonNode parse(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
