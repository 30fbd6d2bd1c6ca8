package io.leaddedup.job;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code lead-dedup} launcher on a person's machine: every command, each with {@code --help},
 * exit code 2 for a wrong command line. It exits the JVM, so it is never the entry class of a
 * cluster submission: that is {@link LeadDedupMain}.
 */
@Command(name = "lead-dedup", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        description = "Stops dialers from over-calling the same phone number. Each command has --help.",
        subcommands = {RunCommand.class, KafkaCommand.class, ProduceCommand.class, UploadCsvCommand.class,
            GenerateCommand.class, CommandLine.HelpCommand.class})
public final class LeadDedupCli implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is needed");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The launcher's parser: a problem found once the command runs prints as one line, exit 2. */
    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new LeadDedupCli()).setOverwrittenOptionsAllowed(true);
        line.setExecutionExceptionHandler((exception, command, parsed) -> {
            if (exception instanceof UsageException) {
                command.getErr().println("lead-dedup " + command.getCommandName() + ": " + exception.getMessage());
                return 2;
            }
            throw exception;
        });
        return line;
    }
}
