package io.perfsuite.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RedisServerTest {

    @Test
    void shouldAnswerPingOnItsLoopbackPort() throws IOException {
        try (RedisServer redis = RedisServer.launch()) {
            assertThat(redis.isRunning()).isTrue();
            assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
            assertThat(ping(redis.port())).isEqualTo("+PONG");
        }
    }

    @Test
    void shouldAnswerAgainOnTheSamePortAfterStopAndStart() throws IOException {
        try (RedisServer redis = RedisServer.launch()) {
            int port = redis.port();

            redis.stop();
            assertThat(redis.isRunning()).isFalse();
            assertThatThrownBy(() -> ping(port)).isInstanceOf(ConnectException.class);

            redis.start();
            assertThat(redis.port()).isEqualTo(port);
            assertThat(ping(port)).isEqualTo("+PONG");
        }
    }

    @Test
    void shouldReleaseItsPortOnClose() {
        RedisServer redis = RedisServer.launch();
        redis.close();
        redis.close(); // idempotent, as the JVM shutdown hook may close it again

        assertThat(redis.isRunning()).isFalse();
        assertThatThrownBy(() -> ping(redis.port())).isInstanceOf(ConnectException.class);
        assertThat(redis.logFile()).exists();
    }

    /** An inline PING over a raw socket: no client library between the test and the server. */
    private static String ping(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
