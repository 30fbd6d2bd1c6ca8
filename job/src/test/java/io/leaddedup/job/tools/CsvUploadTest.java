package io.leaddedup.job.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lead upload files as spreadsheets save them. */
class CsvUploadTest {

    @TempDir
    Path dir;

    private static CsvUpload upload() {
        CsvUpload upload = new CsvUpload();
        upload.account = "acme";
        upload.list = "l";
        upload.campaign = "c";
        upload.purpose = "p";
        return upload;
    }

    /** Excel's "CSV (Comma delimited)" is Windows-1252: an accented name must not stop the upload. */
    @Test
    void aWindows1252FileIsReadAsSuch() throws Exception {
        Path csv = dir.resolve("excel.csv");
        Files.write(csv, "leadId,first_name,phone\nJos\u00e9-1,Jos\u00e9,678 999 8212\nL-2,Zo\u00eb,212 555 0101\n"
                .getBytes(Charset.forName("windows-1252")));
        Path events = dir.resolve("events.jsonl");
        upload().writeEvents(csv, events);
        List<String> lines = Files.readAllLines(events, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"leadId\":\"Jos\u00e9-1\"").contains("\"phone\":\"678 999 8212\"");
        assertThat(CsvUpload.charsetOf(csv).name()).isEqualTo("windows-1252");
    }

    @Test
    void aUtf8FileStaysUtf8() throws Exception {
        Path csv = dir.resolve("utf8.csv");
        Files.write(csv, "\uFEFFleadId,phone\nRen\u00e9e-\u0141,678 999 8212\n".getBytes(StandardCharsets.UTF_8));
        Path events = dir.resolve("events.jsonl");
        upload().writeEvents(csv, events);
        assertThat(Files.readAllLines(events, StandardCharsets.UTF_8)).singleElement().asString()
                .contains("\"leadId\":\"Ren\u00e9e-\u0141\"");
        assertThat(CsvUpload.charsetOf(csv)).isEqualTo(StandardCharsets.UTF_8);
    }
}
