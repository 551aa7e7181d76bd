package dev.tableflow.onboarding.observability;

import dev.tableflow.onboarding.errors.InvalidInputException;
import dev.tableflow.onboarding.errors.TerminalException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** No Error leaves a handler: it becomes one of the error types the state machines match. */
class StepObserverTest {

    @Test
    void aStackOverflowIsInvalidInput() {
        assertThat(StepObserver.fromError("EnsureTopic", "r-1", new StackOverflowError()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("EnsureTopic: invocation r-1: invalid (the input): nested too deeply to process");
    }

    @Test
    void anyOtherErrorIsTerminalAndSaysItIsADefect() {
        assertThat(StepObserver.fromError("EnsureTopic", null, new NoClassDefFoundError("x/Y")))
                .isInstanceOf(TerminalException.class)
                .hasMessage("EnsureTopic: invocation ?: unexpected java.lang.NoClassDefFoundError (a defect to report): x/Y");
    }
}
