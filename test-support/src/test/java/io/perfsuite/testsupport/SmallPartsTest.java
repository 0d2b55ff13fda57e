package io.perfsuite.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SmallPartsTest {

    @Test
    void shouldNeverHandOutTheSamePortTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ports.add(FreePort.find());
        }
        assertThat(ports).hasSize(20).allMatch(port -> port > 0 && port < 65536);
    }

    @Test
    void shouldSayWhichPackageToInstallWhenABinaryIsMissing() {
        assertThatThrownBy(() -> Binaries.require("perfsuite-no-such-binary"))
                .isInstanceOf(TestServerException.class)
                .hasMessageContaining("perfsuite-no-such-binary not found")
                .hasMessageContaining("apt-get install");
        assertThatThrownBy(() -> Binaries.requirePostgres("perfsuite-no-such-binary"))
                .hasMessageContaining("apt-get install postgresql-15");
    }

    @Test
    void shouldFindTheInstalledServers() {
        assertThat(Binaries.require("redis-server")).isExecutable();
        assertThat(Binaries.require("prometheus")).isExecutable();
        assertThat(Binaries.requirePostgres("initdb")).isExecutable();
    }
}
