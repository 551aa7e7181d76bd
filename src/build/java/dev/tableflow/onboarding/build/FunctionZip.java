package dev.tableflow.onboarding.build;

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
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the {@code function.zip} that {@code quarkus-amazon-lambda} builds so that every jar in {@code lib/} holds
 * its entries uncompressed ({@code STORED}); the zip itself stays compressed, so the upload does not grow (it
 * shrinks: one compressed stream per jar packs better than one per class). A cold start reads about 1,600 classes
 * out of those jars (class-loading log of CheckKafkaApiKey), and a stored class needs no inflating: BENCHMARKS.md
 * measures what that saves. Every entry keeps its name, place, times and attributes (a Unix mode included); only
 * the library jars' compression changes, and a directory listed twice (Quarkus lists {@code META-INF/} twice) is
 * written once.
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

    /** What Lambda's class loader puts on the class path after the task root. */
    public static boolean isLibraryJar(String entryName) {
        return entryName.startsWith("lib/") && entryName.endsWith(".jar");
    }

    /** Copies {@code functionZip} to {@code target}, each {@code lib/*.jar} in it rewritten with stored entries. */
    public static void storeLibraryJars(Path functionZip, Path target) throws IOException {
        Path jar = Files.createTempFile("function-zip-", ".jar");
        try (ZipFile zip = new ZipFile(functionZip.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            Set<String> directories = new HashSet<>();
            for (ZipEntry entry : zip.stream().toList()) {
                // A file listed twice is refused by ZipOutputStream: its copies may differ.
                if (entry.isDirectory() && !directories.add(entry.getName())) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    if (isLibraryJar(entry.getName())) {
                        Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
                        put(out, entry, stored(jar, jar.resolveSibling(jar.getFileName() + ".stored")), ZipEntry.DEFLATED);
                    } else {
                        put(out, entry, in.readAllBytes(), ZipEntry.DEFLATED);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(jar);
        }
    }

    /** Read through the central directory, as the JDK's class loaders read a jar. */
    private static byte[] stored(Path jar, Path scratch) throws IOException {
        try (ZipFile in = new ZipFile(jar.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(scratch))) {
            for (ZipEntry entry : in.stream().toList()) {
                try (InputStream content = in.getInputStream(entry)) {
                    put(out, entry, content.readAllBytes(), ZipEntry.STORED);
                }
            }
        }
        try {
            return Files.readAllBytes(scratch);
        } finally {
            Files.delete(scratch);
        }
    }

    /** Writes {@code content} under a copy of {@code original}: its name, times, extra fields, comment and mode. */
    private static void put(ZipOutputStream out, ZipEntry original, byte[] content, int method) throws IOException {
        ZipEntry entry = new ZipEntry(original);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setMethod(method);
        entry.setSize(content.length);
        entry.setCrc(crc.getValue());
        entry.setCompressedSize(method == ZipEntry.STORED ? content.length : -1);
        out.putNextEntry(entry);
        out.write(content);
        out.closeEntry();
    }
}
