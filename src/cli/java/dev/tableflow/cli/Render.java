package dev.tableflow.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** The human-readable views of a plan and a status report; {@code --json} prints the events themselves instead. */
final class Render {

    private Render() {}

    static String plan(Plans.Plan plan) {
        StringBuilder out = new StringBuilder();
        if (!plan.supported()) {
            out.append("This stack predates dry runs (it refused \"dryRun\"): what would change cannot be shown, only what is asked:\n");
            plan.topics().forEach(t -> out.append("  ").append(t.topic()).append('\n'));
            return out.toString();
        }
        out.append("Plan:\n");
        plan.apiKeys().forEach(c -> change(out, "  ", c));
        for (Plans.TopicPlan topic : plan.topics()) {
            out.append("  ").append(topic.topic()).append(": ").append(topic.action()).append('\n');
            topic.changes().forEach(c -> change(out, "    ", c));
        }
        long refused = plan.topics().stream().filter(Plans.TopicPlan::refused).count();
        out.append(refused == 0 ? "Nothing is refused.\n" : refused + " topic(s) would be refused: nothing is applied while any is.\n");
        return out.toString();
    }

    private static void change(StringBuilder out, String indent, Plans.Change c) {
        out.append(indent).append(Results.pad(c.action(), 7)).append(' ').append(c.resource()).append(' ').append(c.name());
        if (!c.reason().isEmpty()) {
            out.append(": ").append(c.reason());
        }
        out.append('\n');
    }

    /** README "Status and diagnostics": each check with its detail, and for a problem its troubleshooting case and fix. */
    static String status(JsonNode report) {
        StringBuilder out = new StringBuilder("Environment " + report.path("environment").asText() + ": "
                + (report.path("healthy").asBoolean() ? "healthy" : "PROBLEMS") + "\n");
        for (JsonNode check : report.path("checks")) {
            boolean ok = check.path("ok").asBoolean();
            out.append(ok ? "  ok       " : "  PROBLEM  ").append(check.path("name").asText()).append(": ").append(check.path("detail").asText()).append('\n');
            if (!ok) {
                out.append("           ").append(check.path("troubleshooting").asText()).append(": ").append(check.path("fix").asText()).append('\n');
            }
        }
        for (JsonNode topic : report.path("topics")) {
            out.append("  topic ").append(topic.path("name").asText()).append(": ").append(topic.path("phase").asText())
                    .append(", Glue ").append(topic.path("glueSync").asText()).append('\n');
        }
        return out.toString();
    }
}
