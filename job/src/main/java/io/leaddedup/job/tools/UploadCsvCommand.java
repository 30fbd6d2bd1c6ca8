package io.leaddedup.job.tools;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lead-dedup upload-csv}: the "Lead Upload" screen, a CSV of leads sent as {@code lead} events. */
@Command(name = "upload-csv", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sends a lead upload CSV (a lead id column: leadId, lead_id or id; phone; optionally mobile",
            "and importedAt) as lead events with source CSV, keyed by phone key."})
public final class UploadCsvCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.csv", description = "the upload file, with a header row")
    Path file;

    @Mixin
    CsvUpload upload = new CsvUpload();

    @Option(names = "--topic", defaultValue = "leads", description = "default: ${DEFAULT-VALUE}")
    String topic;

    @Mixin
    ProducerOptions producer = new ProducerOptions();

    @Override
    public Integer call() throws Exception {
        upload.requireChoices("upload-csv");
        KafkaTools.uploadCsv(this, System.err);
        return 0;
    }
}
