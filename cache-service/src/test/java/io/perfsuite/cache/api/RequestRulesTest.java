package io.perfsuite.cache.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RequestRulesTest {

    @Test
    void shouldCountAKeysUtf8BytesLikeEncodingItDoes() {
        for (String key : new String[]{"plain/key", "é", "ключ", "键", "emoji-\uD83D\uDE00", "lone-\uD800", "\uDC00-lone"}) {
            assertThat(RequestRules.utf8Length(key)).as(key).isEqualTo(key.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
