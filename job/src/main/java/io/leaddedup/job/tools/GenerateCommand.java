package io.leaddedup.job.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lead-dedup generate}: synthetic traffic for trying the job at volume (see {@link LoadGenerator}). */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes synthetic events (leads with duplicates, dispositions, conversions, routing requests).")
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--leads", defaultValue = "100000", paramLabel = "N", description = "default: ${DEFAULT-VALUE}")
    int leads;

    @Option(names = "--numbers", paramLabel = "D", description = "distinct numbers (default: leads / 2)")
    Integer numbers;

    @Option(names = "--accounts", defaultValue = "4", paramLabel = "A", description = "default: ${DEFAULT-VALUE}")
    int accounts;

    @Option(names = "--mobiles", description = "give leads a mobile number too")
    boolean mobiles;

    @Option(names = "--seed", defaultValue = "42", description = "default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "EVENTS.jsonl")
    Path out;

    @Option(names = "--settings-out", paramLabel = "SETTINGS.jsonl", description = "also write the accounts' settings")
    Path settingsOut;

    @Override
    public Integer call() throws Exception {
        int distinct = numbers != null ? numbers : Math.max(1, leads / 2);
        if (leads < 1 || distinct < 1 || accounts < 1) {
            throw new ParameterException(spec.commandLine(), "--leads, --numbers and --accounts must be positive");
        }
        LoadGenerator generator = new LoadGenerator(seed, distinct, accounts, mobiles);
        generator.writeEvents(leads, out);
        if (settingsOut != null) {
            Files.write(settingsOut, generator.settings());
        }
        return 0;
    }
}
