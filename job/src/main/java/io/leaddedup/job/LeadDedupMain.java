package io.leaddedup.job;

/**
 * Entry point of the job jar and of the {@code lead-dedup} launcher. The first argument names the
 * mode; the rest are its flags.
 */
public final class LeadDedupMain {

    private static final String USAGE = "usage:\n  " + LocalRun.USAGE + "\n  " + KafkaRun.USAGE + "\n";

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
