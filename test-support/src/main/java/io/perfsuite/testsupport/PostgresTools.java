package io.perfsuite.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;

import com.sun.security.auth.module.UnixSystem;

/**
 * Builds PostgreSQL command lines. initdb and postgres refuse to run as root, so when the JVM is root they run as
 * the {@code postgres} OS user (created by Debian's package) through runuser, and every path they write is handed
 * over to that user.
 */
final class PostgresTools {

    private static final String SERVER_OS_USER = "postgres";

    private final boolean switchUser;

    private PostgresTools(boolean switchUser) {
        this.switchUser = switchUser;
    }

    static PostgresTools forCurrentUser() {
        return new PostgresTools(new UnixSystem().getUid() == 0);
    }

    List<String> command(String binary, String... arguments) {
        List<String> command = new ArrayList<>();
        if (switchUser) {
            command.addAll(List.of(Binaries.require("runuser").toString(), "-u", SERVER_OS_USER, "--"));
        }
        command.add(Binaries.requirePostgres(binary).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    /** Gives a path the JVM created to the OS user the servers run as; a no-op unless the JVM is root. */
    void handOver(Path path) {
        if (!switchUser) {
            return;
        }
        try {
            UserPrincipal owner = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SERVER_OS_USER);
            Files.setOwner(path, owner);
        } catch (IOException e) {
            throw new TestServerException("Running as root, PostgreSQL must run as the OS user '" + SERVER_OS_USER
                    + "', but " + path + " cannot be given to it (install `" + Binaries.POSTGRES_PACKAGE
                    + "`, which creates the user): " + e, e);
        }
    }
}
