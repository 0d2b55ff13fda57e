package io.perfsuite.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Just enough of the Redis protocol (RESP2) to probe a server without pulling a client library into every test. */
final class Resp {

    private static final int TIMEOUT_MILLIS = 2_000;

    private Resp() {
    }

    /**
     * Sends one command and returns a simple string, bulk string or integer reply as text.
     *
     * @throws IOException on connection failure or a Redis error reply
     */
    static String call(int port, String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(FreePort.LOOPBACK_HOST, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(encode(args));
            out.flush();
            return readReply(new BufferedInputStream(socket.getInputStream()));
        }
    }

    private static byte[] encode(String... args) {
        StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
        }
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String readReply(InputStream in) throws IOException {
        String line = readLine(in);
        char type = line.charAt(0);
        String payload = line.substring(1);
        switch (type) {
            case '+' :
            case ':' :
                return payload;
            case '-' :
                throw new IOException("Redis replied with an error: " + payload);
            case '$' :
                int length = Integer.parseInt(payload);
                if (length < 0) {
                    return null;
                }
                byte[] bulk = in.readNBytes(length + 2); // the payload and its trailing CRLF
                if (bulk.length < length + 2) {
                    throw new EOFException("Redis closed the connection mid-reply");
                }
                return new String(bulk, 0, length, StandardCharsets.UTF_8);
            default :
                throw new IOException("Unsupported Redis reply: " + line);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        int current;
        while ((current = in.read()) != -1) {
            if (previous == '\r' && current == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(current);
            previous = current;
        }
        throw new EOFException("Redis closed the connection before replying");
    }
}
