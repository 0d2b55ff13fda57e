package io.perfsuite.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Locates the server binaries the test servers run, and says which Debian package to install when one is missing. */
final class Binaries {

    static final String POSTGRES_PACKAGE = "postgresql-15";

    private static final Path DEBIAN_POSTGRES_BIN = Path.of("/usr/lib/postgresql/15/bin");

    // runuser lives in sbin, which is not always on a non-login PATH.
    private static final List<Path> SYSTEM_DIRS = List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"), Path.of("/bin"),
            Path.of("/usr/sbin"), Path.of("/sbin"));

    private static final Map<String, String> PACKAGES = Map.of(
            "redis-server", "redis-server",
            "redis-cli", "redis-tools",
            "prometheus", "prometheus",
            "promtool", "prometheus",
            "runuser", "util-linux");

    private Binaries() {
    }

    /** An executable found on PATH or in the usual system directories. */
    static Path require(String name) {
        return findOnPath(name).orElseThrow(() -> missing(name, PACKAGES.getOrDefault(name, name), "PATH"));
    }

    /** A PostgreSQL executable from {@code $PG_BIN}, Debian's {@code /usr/lib/postgresql/15/bin}, or PATH, in that order. */
    static Path requirePostgres(String name) {
        String pgBin = System.getenv("PG_BIN");
        List<Path> candidates = new ArrayList<>();
        if (pgBin != null && !pgBin.isBlank()) {
            candidates.add(Path.of(pgBin).resolve(name));
        }
        candidates.add(DEBIAN_POSTGRES_BIN.resolve(name));
        return candidates.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .or(() -> findOnPath(name))
                .orElseThrow(() -> missing(name, POSTGRES_PACKAGE, "$PG_BIN, " + DEBIAN_POSTGRES_BIN + " or PATH"));
    }

    private static Optional<Path> findOnPath(String name) {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                dirs.add(Path.of(dir));
            }
        }
        dirs.addAll(SYSTEM_DIRS);
        return dirs.stream().map(dir -> dir.resolve(name)).filter(Files::isExecutable).findFirst();
    }

    private static TestServerException missing(String name, String debianPackage, String searched) {
        return new TestServerException(
                name + " not found in " + searched + ": install it with `apt-get install " + debianPackage + "`");
    }
}
