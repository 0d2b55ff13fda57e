package io.perfsuite.cache.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationParserTest {

    @ParameterizedTest
    @CsvSource({
            "250ms, PT0.25S",
            "30s, PT30S",
            "5m, PT5M",
            "1h, PT1H",
            "2d, PT48H",
            "' 15s ', PT15S",
            "007s, PT7S",
            "106751d, PT2562024H"
    })
    void shouldParseNumberWithUnit(String text, Duration expected) {
        assertThat(DurationParser.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "30", "0s", "0ms", "-5s", "+5s", "5", "s", "5 s", "5sec", "1.5h", "5S", "5M",
            "1h30m", "PT30S", "abc", "99999999999999999999s", "106752d", "9223372036854775807d"})
    void shouldRejectWithMessageStatingTheRule(String text) {
        assertThatThrownBy(() -> DurationParser.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ttl must be a positive duration like 30s, 5m or 1h");
    }

    @Test
    void shouldNameTheSettingInTheMessage() {
        assertThatThrownBy(() -> DurationParser.parse("maxTtl", "forever"))
                .hasMessageStartingWith("maxTtl must be a positive duration")
                .hasMessageEndingWith("but was 'forever'");
    }

    @ParameterizedTest
    @CsvSource({"PT0.25S, 250ms", "PT30S, 30s", "PT90S, 90s", "PT5M, 5m", "PT2H, 2h", "PT48H, 2d", "PT1.5S, 1500ms"})
    void shouldFormatWithLargestExactUnit(Duration d, String expected) {
        assertThat(DurationParser.format(d)).isEqualTo(expected);
        assertThat(DurationParser.parse(expected)).isEqualTo(d);
    }

    @Test
    void shouldRefuseToFormatWhatItCannotParse() {
        assertThatThrownBy(() -> DurationParser.format(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationParser.format(Duration.ofNanos(1500)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
