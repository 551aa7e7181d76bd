package dev.tableflow.onboarding.build;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the {@code function.zip} that {@code quarkus-amazon-lambda} builds so that every jar in {@code lib/} holds
 * its entries uncompressed ({@code STORED}); the zip itself stays compressed, so the upload does not grow (it
 * shrinks: one compressed stream per jar packs better than one per class). A cold start reads some two thousand
 * classes out of those jars, and a stored class needs no inflating: BENCHMARKS.md measures what that saves.
 * Nothing else changes: the same entries, names, order and times, the application's classes still at the root.
 * <p>
 * Run by {@code pom.xml} in {@code package}, after Quarkus' build, as a source-file program that rewrites the zip in
 * place: {@code java FunctionZip.java target/function.zip}.
 */
public final class FunctionZip {

    private FunctionZip() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: java FunctionZip.java target/function.zip");
        }
        Path zip = Path.of(args[0]);
        Path rewritten = zip.resolveSibling(zip.getFileName() + ".tmp");
        storeLibraryJars(zip, rewritten);
        Files.move(rewritten, zip, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Copies {@code functionZip} to {@code target}, each {@code lib/*.jar} in it rewritten with stored entries. */
    public static void storeLibraryJars(Path functionZip, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(functionZip.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            Set<String> directories = new HashSet<>();
            for (ZipEntry entry : zip.stream().toList()) {
                // Quarkus' zip lists META-INF/ twice. A file listed twice is refused by ZipOutputStream: its copies may differ.
                if (entry.isDirectory() && !directories.add(entry.getName())) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] content = in.readAllBytes();
                    boolean libraryJar = entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar");
                    put(out, entry, libraryJar ? stored(content) : content, ZipEntry.DEFLATED);
                }
            }
        }
    }

    private static byte[] stored(byte[] jar) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(jar.length * 2);
        // ZipInputStream, not JarInputStream: the manifest must stay an ordinary entry, in its place.
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                put(out, entry, in.readAllBytes(), ZipEntry.STORED);
            }
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream out, ZipEntry original, byte[] content, int method) throws IOException {
        ZipEntry entry = new ZipEntry(original.getName());
        entry.setTime(original.getTime());
        entry.setMethod(method);
        if (method == ZipEntry.STORED) {
            CRC32 crc = new CRC32();
            crc.update(content);
            entry.setSize(content.length);
            entry.setCompressedSize(content.length);
            entry.setCrc(crc.getValue());
        }
        out.putNextEntry(entry);
        out.write(content);
        out.closeEntry();
    }
}
