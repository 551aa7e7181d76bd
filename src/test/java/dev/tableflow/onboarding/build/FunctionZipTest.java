package dev.tableflow.onboarding.build;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package step that stores function.zip's library jars uncompressed. PackagedFunctionIT checks the real zip; the
 * real build also runs the step on Quarkus' zip, which lists {@code META-INF/} twice (ZipOutputStream cannot write
 * such a fixture here).
 */
class FunctionZipTest {

    private static final LocalDateTime WHEN = LocalDateTime.of(2024, 3, 31, 2, 30, 4);

    @TempDir
    Path dir;

    /** Loaded from the stored jar by a loader of its own, to show the JVM defines a class out of it. */
    public static final class Probe {
    }

    @Test
    void storesEveryEntryOfEveryLibraryJarAndKeepsEverythingElse() throws Exception {
        String probe = Probe.class.getName().replace('.', '/') + ".class";
        Map<String, byte[]> jar = new LinkedHashMap<>();
        jar.put("META-INF/MANIFEST.MF", text("Manifest-Version: 1.0\r\nMulti-Release: true\r\n\r\n"));
        jar.put(probe, resource(probe));
        jar.put("a/V.txt", text("base"));
        jar.put("META-INF/versions/17/a/V.txt", text("17"));
        jar.put("META-INF/services/a.Service", text("a.Impl\n"));
        Map<String, byte[]> zip = new LinkedHashMap<>();
        zip.put("META-INF/", new byte[0]);
        zip.put("dev/App.class", text("application class"));
        zip.put("lib/a-1.0.jar", zip(jar));
        Path functionZip = dir.resolve("function.zip");
        Files.write(functionZip, zip(zip));

        FunctionZip.main(new String[] {functionZip.toString()});

        Path libraryJar = dir.resolve("a.jar");
        try (ZipFile rewritten = new ZipFile(functionZip.toFile())) {
            assertThat(rewritten.stream().map(ZipEntry::getName)).containsExactlyElementsOf(zip.keySet());
            assertThat(rewritten.stream().map(ZipEntry::getTimeLocal)).containsOnly(WHEN);
            assertThat(rewritten.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getMethod)).containsOnly(ZipEntry.DEFLATED);
            assertThat(content(rewritten, "dev/App.class")).isEqualTo(zip.get("dev/App.class"));
            Files.write(libraryJar, content(rewritten, "lib/a-1.0.jar"));
        }
        try (ZipFile stored = new ZipFile(libraryJar.toFile())) {
            assertThat(stored.stream().map(ZipEntry::getName)).containsExactlyElementsOf(jar.keySet());
            for (ZipEntry entry : stored.stream().toList()) {
                assertThat(entry.getMethod()).as(entry.getName()).isEqualTo(ZipEntry.STORED);
                assertThat(entry.getCompressedSize()).as(entry.getName()).isEqualTo(entry.getSize());
                assertThat(entry.getTimeLocal()).as(entry.getName()).isEqualTo(WHEN);
                assertThat(content(stored, entry.getName())).as(entry.getName()).isEqualTo(jar.get(entry.getName()));
            }
        }
        try (JarFile versioned = new JarFile(libraryJar.toFile(), true, ZipFile.OPEN_READ, Runtime.version())) {
            assertThat(versioned.isMultiRelease()).isTrue();
            assertThat(content(versioned, "a/V.txt")).isEqualTo(text("17"));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {libraryJar.toUri().toURL()}, null)) {
            assertThat(Class.forName(Probe.class.getName(), true, loader).getClassLoader()).isSameAs(loader);
        }
    }

    @Test
    void aSecondRunOverStoredJarsChangesNothing() throws IOException {
        Path functionZip = dir.resolve("function.zip");
        Files.write(functionZip, zip(Map.of("lib/a-1.0.jar", zip(Map.of("a/B.class", text("class bytes"))))));
        FunctionZip.main(new String[] {functionZip.toString()});
        byte[] once = Files.readAllBytes(functionZip);

        FunctionZip.main(new String[] {functionZip.toString()});

        assertThat(Files.readAllBytes(functionZip)).isEqualTo(once);
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zipEntry.setTimeLocal(WHEN);
                out.putNextEntry(zipEntry);
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] content(ZipFile zip, String name) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return in.readAllBytes();
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FunctionZipTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
