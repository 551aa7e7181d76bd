package dev.tableflow.onboarding.build;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The package step that stores function.zip's library jars uncompressed; PackagedFunctionIT checks the real zip. */
class FunctionZipTest {

    @TempDir
    Path dir;

    @Test
    void storesEveryEntryOfEveryLibraryJarAndChangesNothingElse() throws IOException {
        Map<String, byte[]> jar = new LinkedHashMap<>();
        jar.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nMulti-Release: true\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        jar.put("a/", new byte[0]);
        jar.put("a/B.class", "class bytes, class bytes, class bytes".getBytes(StandardCharsets.UTF_8));
        jar.put("META-INF/services/a.Service", "a.Impl\n".getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> zip = new LinkedHashMap<>();
        zip.put("META-INF/", new byte[0]);
        zip.put("dev/App.class", "application class".getBytes(StandardCharsets.UTF_8));
        zip.put("application.properties", "a=b\n".getBytes(StandardCharsets.UTF_8));
        zip.put("lib/a-1.0.jar", zip(jar, ZipEntry.DEFLATED));
        Path original = dir.resolve("function.zip");
        Files.write(original, zip(zip, ZipEntry.DEFLATED));

        FunctionZip.main(new String[] {original.toString()});

        try (ZipFile rewritten = new ZipFile(original.toFile())) {
            assertThat(rewritten.stream().map(ZipEntry::getName)).containsExactlyElementsOf(zip.keySet());
            assertThat(rewritten.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getMethod)).containsOnly(ZipEntry.DEFLATED);
            assertThat(rewritten.getInputStream(rewritten.getEntry("dev/App.class")).readAllBytes()).isEqualTo(zip.get("dev/App.class"));
            byte[] library = rewritten.getInputStream(rewritten.getEntry("lib/a-1.0.jar")).readAllBytes();
            List<Integer> methods = new ArrayList<>();
            Map<String, byte[]> contents = new LinkedHashMap<>();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(library))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    methods.add(entry.getMethod());
                    contents.put(entry.getName(), in.readAllBytes());
                }
            }
            assertThat(methods).containsOnly(ZipEntry.STORED);
            assertThat(contents).containsExactlyEntriesOf(jar);
        }
        Path libJar = dir.resolve("a.jar");
        try (ZipFile rewritten = new ZipFile(original.toFile())) {
            Files.write(libJar, rewritten.getInputStream(rewritten.getEntry("lib/a-1.0.jar")).readAllBytes());
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {libJar.toUri().toURL()}, null)) {
            assertThat(loader.getResource("META-INF/services/a.Service")).as("the JDK reads the stored jar").isNotNull();
        }
    }

    private static byte[] zip(Map<String, byte[]> entries, int method) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.setMethod(method);
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
