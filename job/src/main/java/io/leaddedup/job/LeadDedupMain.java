package io.leaddedup.job;

/**
 * Entry point of the job jar and of the {@code lead-dedup} launcher. The first argument names the
 * mode; the rest are its flags.
 */
public final class LeadDedupMain {

    private static final String GENERATE_USAGE =
            "lead-dedup generate --leads N [--numbers D] [--accounts A] [--mobiles] [--seed S] --out EVENTS.jsonl"
                    + " [--settings-out SETTINGS.jsonl]";
    private static final String USAGE = "usage:\n  " + LocalRun.USAGE + "\n  " + KafkaRun.USAGE + "\n  "
            + KafkaTools.PRODUCE_USAGE + "\n  " + KafkaTools.UPLOAD_USAGE + "\n  " + GENERATE_USAGE + "\n";

    private LeadDedupMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("kafka")) {
            // On a Flink cluster main runs inside the JobManager: never exit the JVM there. A wrong
            // flag throws, and the submission fails with the message that names it.
            KafkaRun.execute(args);
            return;
        }
        System.exit(run(args));
    }

    /** Writes synthetic traffic for trying the job at volume (see {@link LoadGenerator}). */
    private static void generate(String[] args) throws java.io.IOException {
        CommandLine line = CommandLine.parse(args, 1,
                java.util.Set.of("leads", "numbers", "accounts", "seed", "out", "settings-out"), java.util.Set.of("mobiles"));
        int leads = line.positiveInt("leads", 100_000);
        LoadGenerator generator = new LoadGenerator(Long.parseLong(line.optional("seed", "42")),
                line.positiveInt("numbers", Math.max(1, leads / 2)), line.positiveInt("accounts", 4),
                Boolean.parseBoolean(line.optional("mobiles", "false")));
        java.nio.file.Path out = java.nio.file.Path.of(line.required("out"));
        generator.writeEvents(leads, out);
        String settingsOut = line.optional("settings-out", null);
        if (settingsOut != null) {
            java.nio.file.Files.write(java.nio.file.Path.of(settingsOut), generator.settings());
        }
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            System.out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            switch (args[0]) {
                case "run" -> {
                    RunSummary summary = LocalRun.fromArgs(args).execute();
                    System.out.println(summary.render());
                    return 0;
                }
                case "produce" -> {
                    KafkaTools.produce(args, System.err);
                    return 0;
                }
                case "upload-csv" -> {
                    KafkaTools.uploadCsv(args, System.err);
                    return 0;
                }
                case "generate" -> {
                    generate(args);
                    return 0;
                }
                case "kafka" -> {
                    KafkaRun.execute(args);
                    return 0;
                }
                default -> throw new CommandLine.UsageException("unknown command '" + args[0] + "'");
            }
        } catch (CommandLine.UsageException e) {
            System.err.println("lead-dedup: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
    }
}
