package dev.tableflow.onboarding.steps;

import dev.tableflow.onboarding.confluent.ConfluentApiException;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared look up → decide → act → report, without HTTP: what each step built on it does when it races another run. */
class EnsureTest {

    static final StepContext CONTEXT = new StepContext("EnsureThing", "thing \"dev-thing\"");

    /** Answers each look-up with the next of the given results. */
    static Supplier<Optional<String>> lookups(List<Optional<String>> answers) {
        Deque<Optional<String>> left = new ArrayDeque<>(answers);
        return left::pop;
    }

    static Supplier<String> refusedWith(int status) {
        return () -> {
            throw new TerminalException(CONTEXT, status + ": Resource Already Exists",
                    new ConfluentApiException(status, "resource_already_exists", "Resource Already Exists", OptionalLong.empty()));
        };
    }

    @Test
    void foundIsAdoptedAndMissingIsCreated() {
        assertThat(Ensure.exists(CONTEXT, () -> Optional.of("theirs"), found -> Optional.empty(), () -> "ours"))
                .isEqualTo(new Ensure.Ensured<>("theirs", Outcome.ADOPTED));
        assertThat(Ensure.exists(CONTEXT, Optional::empty, found -> Optional.empty(), () -> "ours"))
                .isEqualTo(new Ensure.Ensured<>("ours", Outcome.CREATED));
    }

    @Test
    void createdByAConcurrentRunAfterOurLookUpIsAdopted() {
        var ensured = Ensure.exists(CONTEXT, lookups(List.of(Optional.empty(), Optional.of("theirs"))), found -> Optional.empty(),
                refusedWith(409));

        assertThat(ensured).isEqualTo(new Ensure.Ensured<>("theirs", Outcome.ADOPTED));
    }

    @Test
    void whatTheConcurrentRunCreatedMustStillBeAdoptable() {
        assertThatThrownBy(() -> Ensure.exists(CONTEXT, lookups(List.of(Optional.empty(), Optional.of("for another role"))),
                found -> Optional.of("exists " + found + ", not for this role"), refusedWith(409)))
                .isInstanceOf(TerminalException.class)
                .hasMessage("EnsureThing: thing \"dev-thing\": exists for another role, not for this role");
    }

    @Test
    void aConflictWithNothingToAdoptAndAnyOtherRefusalAreConfluentsAnswer() {
        assertThatThrownBy(() -> Ensure.exists(CONTEXT, lookups(List.of(Optional.empty(), Optional.empty())), found -> Optional.empty(),
                refusedWith(409)))
                .isInstanceOf(TerminalException.class).hasMessage("EnsureThing: thing \"dev-thing\": 409: Resource Already Exists");
        assertThatThrownBy(() -> Ensure.exists(CONTEXT, lookups(List.of(Optional.empty())), found -> Optional.empty(), refusedWith(400)))
                .isInstanceOf(TerminalException.class).hasMessage("EnsureThing: thing \"dev-thing\": 400: Resource Already Exists");
    }
}
