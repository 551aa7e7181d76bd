package dev.tableflow.onboarding.runtime;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classes the SnapStart priming loads for a first invocation ({@link SnapStartPriming#INVOCATION_CLASS_LIST},
 * written by bench/first-invocation-classes.sh). An entry that no longer loads is skipped at priming time with a debug
 * line only, so a renamed class or a dropped library would quietly make every restored snapshot slower: fail here.
 */
class InvocationClassListTest {

    @Test
    void everyListedClassLoadsAndNoneIsOneTheJvmMakesAsItRuns() throws IOException {
        List<String> names = entries();

        assertThat(names).as("the list, from bench/first-invocation-classes.sh").hasSizeGreaterThan(20);
        // Lambdas, method-handle forms and proxies are named by the JVM that made them; no other JVM has them.
        assertThat(names).noneMatch(name -> name.contains("$$Lambda") || name.contains("/") || name.contains("$Proxy"));
        ClassLoader loader = SnapStartPriming.class.getClassLoader();
        assertThat(names).allSatisfy(name -> assertThat(loadable(name, loader)).as(name).isTrue());
    }

    private static boolean loadable(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError missing) {
            return false;
        }
    }

    private static List<String> entries() throws IOException {
        try (InputStream list = SnapStartPriming.class.getClassLoader().getResourceAsStream(SnapStartPriming.INVOCATION_CLASS_LIST)) {
            assertThat(list).as(SnapStartPriming.INVOCATION_CLASS_LIST).isNotNull();
            return SnapStartPriming.classNames(list);
        }
    }
}
