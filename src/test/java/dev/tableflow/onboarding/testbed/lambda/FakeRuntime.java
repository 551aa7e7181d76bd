package dev.tableflow.onboarding.testbed.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * For fast tests of Lambda semantics: a "JDK" whose {@code bin/java} is {@code fake-runtime.sh}, a curl-based
 * Runtime API client that echoes payloads, and an empty {@code function.zip} for it to "run". The payload steers
 * it: a JSON text containing {@code fail} gets a function error ({@code fake.StepException}), {@code slow} waits
 * 1 s, {@code sleep} 10 s, {@code exit} crashes the process; variable {@code FAKE_INIT=fail} fails init.
 */
public final class FakeRuntime {

    private static final Path SCRIPT = Path.of("src/test/resources/testbed-fixtures/fake-runtime.sh");

    private FakeRuntime() {
    }

    /** Installs the fake JDK under {@code dir}; pass the result to {@link LocalLambdaService.Builder#javaHome}. */
    public static Path javaHome(Path dir) {
        try {
            Path java = Files.createDirectories(dir.resolve("fake-jdk/bin")).resolve("java");
            Files.copy(SCRIPT, java);
            if (!java.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + java + " executable");
            }
            return java.getParent().getParent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An empty package ({@code lib/} only) under {@code dir}. */
    public static Path functionZip(Path dir) {
        Path zip = dir.resolve("function.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
            entries.putNextEntry(new ZipEntry("lib/"));
            entries.closeEntry();
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
