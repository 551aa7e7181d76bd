package dev.tableflow.onboarding.template;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * template.yaml passes cfn-lint (the linter {@code sam validate --lint} runs; it translates SAM first). cfn-lint's exit
 * code is a bit mask: 2 = errors, 4 = warnings, 8 = informational. Errors and warnings fail, as does any other bit
 * (cfn-lint could not run); informational findings do not. No rule is ignored: a warning is fixed in the template.
 */
class TemplateLintTest {

    private static final int ERRORS = 2;
    private static final int WARNINGS = 4;

    @Test
    void templatePassesCfnLintWithoutErrorsOrWarnings() throws Exception {
        Path project = SamTemplate.load().directory();
        Process lint;
        try {
            lint = new ProcessBuilder("cfn-lint", "template.yaml").directory(project.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cfn-lint is not on the PATH (see TOOLCHAIN.md: the Python cfn-lint, not npm's)", e);
        }
        lint.getOutputStream().close();
        // Read before waiting: a full pipe would block cfn-lint.
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!lint.waitFor(3, TimeUnit.MINUTES)) {
            lint.destroyForcibly();
            fail("cfn-lint did not finish within 3 minutes:%n%s", output);
        }
        int exit = lint.exitValue();

        assertThat(exit & ERRORS).as("cfn-lint reported errors (exit %d):%n%s", exit, output).isZero();
        assertThat(exit & WARNINGS).as("cfn-lint reported warnings (exit %d):%n%s", exit, output).isZero();
        assertThat(exit & ~8).as("cfn-lint failed to run (exit %d):%n%s", exit, output).isZero();
    }
}
