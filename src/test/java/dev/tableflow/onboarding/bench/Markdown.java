package dev.tableflow.onboarding.bench;

import java.util.List;
import java.util.Locale;

/** The report as it is written: headings, paragraphs and pipe tables, echoed to stdout as they are added. */
final class Markdown {

    private final StringBuilder text = new StringBuilder();

    Markdown heading(String title) {
        return add("\n## " + title + "\n");
    }

    Markdown paragraph(String format, Object... args) {
        return add(String.format(Locale.ROOT, format, args) + "\n");
    }

    Markdown table(List<String> header, List<List<String>> rows) {
        StringBuilder table = new StringBuilder();
        table.append("| ").append(String.join(" | ", header)).append(" |\n");
        table.append("|").append("---|".repeat(header.size())).append('\n');
        rows.forEach(row -> table.append("| ").append(String.join(" | ", row)).append(" |\n"));
        return add(table.toString());
    }

    private Markdown add(String block) {
        text.append(block).append('\n');
        System.out.println(block);
        return this;
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, "%.0f", millis);
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String dollars(double value) {
        return String.format(Locale.ROOT, "$%.6f", value);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
