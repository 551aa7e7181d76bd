package dev.tableflow.onboarding.testbed.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * AWS's published service descriptions as botocore ships them: the service models ({@code service-2.json}) and the
 * endpoint rule sets, with the Python that evaluates them. botocore comes with moto, which the test bed needs anyway
 * (TOOLCHAIN.md), so these checks need nothing else installed and no network.
 */
public final class Botocore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dataDir;

    private Botocore() {}

    /** botocore's {@code data} directory, found through the Python that has moto (pyenv's, on PATH). */
    public static synchronized Path dataDir() {
        if (dataDir == null) {
            dataDir = Path.of(python("-c", "import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data'))").strip());
        }
        return dataDir;
    }

    /** The service's model ({@code data/<service>/<newest api version>/service-2.json[.gz]}). */
    public static JsonNode serviceModel(String service) {
        Path versions = dataDir().resolve(service);
        try (var listing = Files.list(versions)) {
            Path newest = listing.filter(Files::isDirectory).max(Path::compareTo)
                    .orElseThrow(() -> new IllegalStateException("botocore has no model of " + service));
            Path model = Files.exists(newest.resolve("service-2.json.gz")) ? newest.resolve("service-2.json.gz") : newest.resolve("service-2.json");
            try (InputStream in = model.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(model)) : Files.newInputStream(model)) {
                return JSON.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read botocore's model of " + service, e);
        }
    }

    /** Runs one of the project's scripts under {@code src/test/python}; its standard output, which must be JSON. */
    public static JsonNode script(String name, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of("src/test/python", name).toString()));
        command.addAll(arguments);
        try {
            return JSON.readTree(python(command.toArray(String[]::new)));
        } catch (IOException e) {
            throw new UncheckedIOException(name + " did not print JSON", e);
        }
    }

    private static String python(String... arguments) {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "); the Python that has moto (pyenv's shims on PATH, TOOLCHAIN.md) also has botocore");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run python3", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running python3", e);
        }
    }
}
