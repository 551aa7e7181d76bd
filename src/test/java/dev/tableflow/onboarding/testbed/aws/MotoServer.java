package dev.tableflow.onboarding.testbed.aws;

import dev.tableflow.onboarding.testbed.Loopback;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code moto_server} process (moto 5, an AWS API emulator) on a free local port.
 * <p>
 * Moto accepts any credentials, account 123456789012, and routes requests by their SigV4 credential scope, so one
 * endpoint serves IAM, Secrets Manager, Glue, EventBridge and Step Functions alike.
 */
public final class MotoServer implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Thread shutdownHook = new Thread(this::stopProcesses);

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
        Runtime.getRuntime().addShutdownHook(shutdownHook); // a test JVM that dies without close() stops moto too
    }

    /** Starts moto and returns once it answers HTTP; fails with the process output if it does not. */
    public static MotoServer start() {
        Path executable = findOnPath("moto_server");
        try {
            int port = Loopback.freePort();
            Path log = Files.createTempFile("moto-", ".log");
            Process process = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            MotoServer moto = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
            moto.awaitReady();
            return moto;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start moto_server", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Deletes every resource in every emulated service. */
    public void reset() {
        HttpResponse<String> response = post("/moto-api/reset");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("moto reset answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** What moto printed so far (one line per request, plus errors). */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
        stopProcesses();
        http.close();
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }

    /** Stops moto and whatever it spawned (a pyenv shim may sit between us and the Python server). */
    private void stopProcesses() {
        // Collect the tree first: once the parent dies its children are re-parented and no longer descendants.
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                sleepBriefly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String output = log();
        close();
        throw new IllegalStateException("moto_server did not answer within " + STARTUP_TIMEOUT + ":\n" + output);
    }

    private HttpResponse<String> post(String path) {
        try {
            return http.send(HttpRequest.newBuilder(endpoint.resolve(path))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("moto " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Path findOnPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not on PATH (" + path + "). The test bed needs"
                        + " moto 5 with its server extra: pip install 'moto[server]==5.2.1'"));
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
