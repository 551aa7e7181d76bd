package dev.tableflow.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line, parsed: one command, its arguments, and the options every command shares. Anything it does not
 * know is refused by name, before any AWS call.
 */
record Options(String command, List<String> arguments, Optional<String> file, boolean autoApprove, boolean deleteTopic,
        boolean deleteSchema, boolean json, String stack, Optional<String> profile, Optional<String> region) {

    static final String USAGE = """
            usage: tableflow plan -f TOPICS.yaml
                   tableflow apply -f TOPICS.yaml [--auto-approve]
                   tableflow status
                   tableflow offboard TOPIC [--delete-topic] [--delete-schema]
            options: --stack NAME, or --env ENV for the stack tableflow-onboarding-ENV (default: tableflow-onboarding-dev)
                     --profile NAME, --region NAME (default: AWS_PROFILE, AWS_REGION and the AWS config files)
                     --json (one JSON document on stdout, for scripts)""";

    static final List<String> COMMANDS = List.of("plan", "apply", "status", "offboard");

    static Options parse(String[] args) {
        String command = null;
        List<String> arguments = new ArrayList<>();
        String file = null;
        String stack = null;
        String environmentName = "dev";
        String profile = null;
        String region = null;
        boolean autoApprove = false;
        boolean deleteTopic = false;
        boolean deleteSchema = false;
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-f", "--file" -> file = value(args, ++i, arg);
                case "--stack" -> stack = value(args, ++i, arg);
                case "--env" -> environmentName = value(args, ++i, arg);
                case "--profile" -> profile = value(args, ++i, arg);
                case "--region" -> region = value(args, ++i, arg);
                case "--auto-approve" -> autoApprove = true;
                case "--delete-topic" -> deleteTopic = true;
                case "--delete-schema" -> deleteSchema = true;
                case "--json" -> json = true;
                default -> {
                    if (arg.startsWith("-")) {
                        throw new CliException("unknown option " + arg + "\n" + USAGE);
                    } else if (command == null) {
                        command = arg;
                    } else {
                        arguments.add(arg);
                    }
                }
            }
        }
        if (command == null || !COMMANDS.contains(command)) {
            throw new CliException((command == null ? "no command" : "unknown command " + command) + "\n" + USAGE);
        }
        boolean needsFile = command.equals("plan") || command.equals("apply");
        if (needsFile && file == null) {
            throw new CliException(command + " needs the topics file: tableflow " + command + " -f topics.yaml");
        }
        int expected = command.equals("offboard") ? 1 : 0;
        if (arguments.size() != expected) {
            throw new CliException(command + (expected == 1 ? " takes one topic name" : " takes no argument") + ", got " + arguments + "\n" + USAGE);
        }
        if ((deleteTopic || deleteSchema) && !command.equals("offboard") || autoApprove && !command.equals("apply")) {
            throw new CliException("--auto-approve belongs to apply, --delete-topic and --delete-schema to offboard");
        }
        return new Options(command, List.copyOf(arguments), Optional.ofNullable(file), autoApprove, deleteTopic, deleteSchema, json,
                stack == null ? "tableflow-onboarding-" + environmentName : stack, Optional.ofNullable(profile), Optional.ofNullable(region));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("-")) {
            throw new CliException(option + " needs a value");
        }
        return args[i];
    }
}
