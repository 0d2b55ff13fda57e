package io.perfsuite.loadbalancer.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.loadbalancer.testing.ProxyBackendsResource;
import io.perfsuite.loadbalancer.testing.RawHttp;
import io.perfsuite.loadbalancer.testing.TestBackends;
import io.perfsuite.loadbalancer.testing.TestCertificate;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;

/** The TLS port (lb.proxy.tls-port, a self-signed certificate from ProxyBackendsResource): ALPN h2 and http/1.1. */
@QuarkusTest
@WithTestResource(ProxyBackendsResource.class)
class ProxyTlsTest {

    @Inject
    ProxyServer proxy;

    // closed after each test
    private HttpClient client;

    @Inject
    Vertx vertx;

    @TestServer
    TestBackends backends;

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    private static String certPath() {
        return ConfigProvider.getConfig().getValue("lb.proxy.tls.cert-path", String.class);
    }

    private HttpClient client(HttpVersion version) {
        client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
                .setProtocolVersion(version).setTrustOptions(new PemTrustOptions().addCertPath(certPath()))
                // the certificate names localhost and 127.0.0.1; the requests below name shops
                .setVerifyHost(false));
        return client;
    }

    /** GET /echo... at the TLS port, naming {@code authority} as the request's host; returns version and body. */
    private String[] get(HttpClient client, String authority, int authorityPort, String uri) throws Exception {
        HttpClientResponse[] response = new HttpClientResponse[1];
        String body = client.request(new RequestOptions().setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(proxy.tlsPort(), "127.0.0.1"))
                .setHost(authority).setPort(authorityPort).setURI(uri)
                // Vert.x 4.5 fails with a NullPointerException on RequestOptions that carry no header map
                .setHeaders(MultiMap.caseInsensitiveMultiMap()))
                .compose(request -> request.send())
                .compose(r -> {
                    response[0] = r;
                    return r.body();
                })
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).toString();
        assertThat(response[0].statusCode()).isEqualTo(200);
        return new String[]{response[0].version().name(), body};
    }

    @Test
    void shouldProxyHttp11OverTlsWithForwardedProtoHttps() throws Exception {
        String[] answer = get(client(HttpVersion.HTTP_1_1), "shop.example", 8443, "/echo/tls?x=1");

        assertThat(answer[0]).isEqualTo("HTTP_1_1");
        JsonPath echo = JsonPath.from(answer[1]);
        assertThat(echo.getString("uri")).isEqualTo("/echo/tls?x=1");
        assertThat(echo.getMap("headers")).containsEntry("host", List.of("shop.example:8443"))
                .containsEntry("x-forwarded-proto", List.of("https"))
                .containsEntry("forwarded", List.of("for=127.0.0.1;proto=https;host=\"shop.example:8443\""));
    }

    @Test
    void shouldProxyHttp2NegotiatedByAlpnWithTheAuthorityAsHost() throws Exception {
        String[] answer = get(client(HttpVersion.HTTP_2), "h2.example", 8443, "/echo/h2");

        assertThat(answer[0]).as("ALPN chose h2").isEqualTo("HTTP_2");
        JsonPath echo = JsonPath.from(answer[1]);
        // the backend hop stays HTTP/1.1, with :authority turned into Host
        assertThat(echo.getString("version")).isEqualTo("HTTP_1_1");
        assertThat(echo.getMap("headers")).containsEntry("host", List.of("h2.example:8443"))
                .containsEntry("x-forwarded-proto", List.of("https"));
    }

    @Test
    void shouldRefuseContentLengthWithTransferEncodingOverTlsWithoutForwardingIt() throws Exception {
        int before = backends.get("echo-1").requests.get() + backends.get("echo-2").requests.get();
        SSLSocket socket = (SSLSocket) trusting(Path.of(certPath())).getSocketFactory()
                .createSocket("127.0.0.1", proxy.tlsPort());
        socket.startHandshake();

        String answer = RawHttp.exchange(socket, RawHttp.CL_TE_SMUGGLING);

        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("content-length-with-transfer-encoding").doesNotContain("smuggled");
        assertThat(backends.get("echo-1").requests.get() + backends.get("echo-2").requests.get()).isEqualTo(before);
    }

    @Test
    void shouldServeARenewedCertificateToNewConnectionsWithoutARestart() throws Exception {
        TestCertificate renewed = TestCertificate.create(Files.createTempDirectory("lb-renewed"));
        Certificate expected = TestCertificate.read(renewed.certPath());
        assertThat(served()).isNotEqualTo(expected);

        // each file replaced in one step, the key first, as a Secret volume's update would
        replace(Path.of(ConfigProvider.getConfig().getValue("lb.proxy.tls.key-path", String.class)), renewed.keyPath());
        replace(Path.of(certPath()), renewed.certPath());

        await().atMost(Duration.ofSeconds(10)).until(() -> served().equals(expected));
        String[] answer = get(client(HttpVersion.HTTP_2), "renewed.example", 8443, "/echo/renewed");
        assertThat(answer[0]).as("the renewed pair still negotiates h2").isEqualTo("HTTP_2");
    }

    private static void replace(Path target, Path source) throws Exception {
        Path next = target.resolveSibling(target.getFileName() + ".next");
        Files.copy(source, next, StandardCopyOption.REPLACE_EXISTING);
        Files.move(next, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The certificate a new connection to the TLS port is shown, whoever signed it. */
    private Certificate served() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // looked at, not trusted: the test compares it with the file
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", proxy.tlsPort())) {
            socket.startHandshake();
            return socket.getSession().getPeerCertificates()[0];
        }
    }

    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("lb", TestCertificate.read(cert));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
