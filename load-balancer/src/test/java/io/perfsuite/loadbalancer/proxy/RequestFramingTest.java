package io.perfsuite.loadbalancer.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RequestFramingTest {

    @Test
    void shouldRefuseContentLengthWithTransferEncoding() {
        assertThat(RequestFraming.check(true, List.of("chunked"), List.of("h"), true).rule())
                .isEqualTo("content-length-with-transfer-encoding");
    }

    @Test
    void shouldRefuseATransferCodingThatDoesNotEndInChunked() {
        assertThat(RequestFraming.check(true, List.of("chunked, gzip"), List.of("h"), false).rule())
                .isEqualTo("chunked-last");
        assertThat(RequestFraming.check(true, List.of("xchunked"), List.of("h"), false).rule()).isEqualTo("chunked-last");
        assertThat(RequestFraming.check(true, List.of("gzip", " Chunked "), List.of("h"), false)).isNull();
    }

    @Test
    void shouldRequireExactlyOneHostOnHttp11Only() {
        assertThat(RequestFraming.check(true, List.of(), List.of(), false).rule()).isEqualTo("required");
        assertThat(RequestFraming.check(true, List.of(), List.of("a", "b"), false).rule()).isEqualTo("single");
        assertThat(RequestFraming.check(false, List.of(), List.of(), false)).isNull();
        assertThat(RequestFraming.check(true, List.of(), List.of("a"), false)).isNull();
    }
}
