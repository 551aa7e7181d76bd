package dev.tableflow.onboarding.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The deployables' sizes, and what in them weighs most. */
final class PackageSizes {

    /** The target for each deployable zip. */
    static final long TARGET_BYTES = 20_000_000L;

    record Entry(String name, long compressedBytes) {}

    record Package(Path zip, long bytes, int entries, List<Entry> largest) {
        double megabytes() {
            return bytes / 1e6;
        }

        double mebibytes() {
            return bytes / (1024.0 * 1024.0);
        }

        /** The compressed weight of the lib/ jars whose names contain one of {@code fragments}. */
        long weightOf(String... fragments) {
            return largest.stream().filter(e -> List.of(fragments).stream().anyMatch(e.name()::contains))
                    .mapToLong(Entry::compressedBytes).sum();
        }
    }

    private PackageSizes() {}

    static Package of(Path zip) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<Entry> entries = file.stream().filter(e -> !e.isDirectory())
                    .map(e -> new Entry(e.getName(), compressed(e)))
                    .sorted(Comparator.comparingLong(Entry::compressedBytes).reversed())
                    .toList();
            return new Package(zip, Files.size(zip), entries.size(), entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + zip, e);
        }
    }

    private static long compressed(ZipEntry entry) {
        return entry.getCompressedSize() >= 0 ? entry.getCompressedSize() : entry.getSize();
    }
}
