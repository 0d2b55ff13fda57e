package io.perfsuite.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories for server data, created under java.io.tmpdir and deleted when the server closes. */
final class ScratchDirectory {

    private ScratchDirectory() {
    }

    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for " + prefix, e);
        }
    }

    /** Best effort: a leftover file in /tmp must not fail a test that already passed. */
    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(ScratchDirectory::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("perfsuite test-support: could not delete " + directory + ": " + e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            System.err.println("perfsuite test-support: could not delete " + path + ": " + e);
        }
    }
}
