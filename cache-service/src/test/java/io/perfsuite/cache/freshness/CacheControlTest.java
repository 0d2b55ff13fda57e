package io.perfsuite.cache.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CacheControlTest {

    private static Optional<Duration> seconds(long s) {
        return Optional.of(Duration.ofSeconds(s));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", ",", " , ,"})
    void shouldGiveNoDirectivesForAbsentOrBlankHeader(String header) {
        assertThat(CacheControl.parse(header)).isEqualTo(CacheControl.NONE);
        assertThat(CacheControl.NONE.storable()).isTrue();
    }

    @Test
    void shouldParseAllDirectivesOfInterest() {
        CacheControl cc = CacheControl.parse(
                "public, max-age=60, stale-while-revalidate=30, stale-if-error=86400, must-revalidate");

        assertThat(cc.maxAge()).isEqualTo(seconds(60));
        assertThat(cc.staleWhileRevalidate()).isEqualTo(seconds(30));
        assertThat(cc.staleIfError()).isEqualTo(seconds(86400));
        assertThat(cc.mustRevalidate()).isTrue();
        assertThat(cc.noStore()).isFalse();
        assertThat(cc.noCache()).isFalse();
        assertThat(cc.privateResponse()).isFalse();
        assertThat(cc.storable()).isTrue();
    }

    @Test
    void shouldPreferSharedMaxAgeOverMaxAgeWhateverTheOrder() {
        assertThat(CacheControl.parse("max-age=60, s-maxage=600").maxAge()).isEqualTo(seconds(600));
        assertThat(CacheControl.parse("s-maxage=600, max-age=60").maxAge()).isEqualTo(seconds(600));
        assertThat(CacheControl.parse("s-maxage=0, max-age=60").maxAge()).isEqualTo(seconds(0));
    }

    @Test
    void shouldMatchDirectiveNamesCaseInsensitively() {
        CacheControl cc = CacheControl.parse("Max-Age=10, NO-STORE, Private, No-Cache, Proxy-Revalidate");

        assertThat(cc.maxAge()).isEqualTo(seconds(10));
        assertThat(cc.noStore()).isTrue();
        assertThat(cc.privateResponse()).isTrue();
        assertThat(cc.noCache()).isTrue();
        assertThat(cc.mustRevalidate()).isTrue();
        assertThat(cc.storable()).isFalse();
    }

    @Test
    void shouldAcceptQuotedValuesAndIgnoreCommasInsideQuotes() {
        CacheControl cc = CacheControl.parse("max-age=\"120\", private=\"set-cookie, x-user\", s-maxage=\"30\"");

        assertThat(cc.maxAge()).isEqualTo(seconds(30));
        assertThat(cc.privateResponse()).isTrue();
    }

    @Test
    void shouldTolerateWhitespaceAroundDirectivesAndEquals() {
        CacheControl cc = CacheControl.parse("  max-age = 45 ,\tstale-if-error=5  ,no-store ");

        assertThat(cc.maxAge()).isEqualTo(seconds(45));
        assertThat(cc.staleIfError()).isEqualTo(seconds(5));
        assertThat(cc.noStore()).isTrue();
    }

    @Test
    void shouldIgnoreUnknownDirectivesAndExtensions() {
        CacheControl cc = CacheControl.parse("immutable, foo=bar, community=\"UCI\", max-age=7, x-custom");

        assertThat(cc).isEqualTo(new CacheControl(seconds(7), false, false, false, false, Optional.empty(),
                Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"max-age=-1", "max-age=abc", "max-age=", "max-age=1.5", "max-age=10s", "max-age",
            "max-age=\"\"", "max-age=1 2"})
    void shouldIgnoreMalformedNumbers(String header) {
        assertThat(CacheControl.parse(header).maxAge()).isEmpty();
    }

    @Test
    void shouldKeepFirstValidValueOfRepeatedDirective() {
        assertThat(CacheControl.parse("max-age=10, max-age=20").maxAge()).isEqualTo(seconds(10));
        assertThat(CacheControl.parse("max-age=oops, max-age=20").maxAge()).isEqualTo(seconds(20));
    }

    @Test
    void shouldClampHugeDeltaSecondsTo2Pow31() {
        assertThat(CacheControl.parse("max-age=99999999999999999999999").maxAge()).isEqualTo(seconds(1L << 31));
    }

    @Test
    void shouldNotLetAnUnterminatedQuoteHideLaterNoStore() {
        CacheControl cc = CacheControl.parse("max-age=\"60, no-store");

        assertThat(cc.maxAge()).isEmpty();
        assertThat(cc.noStore()).isTrue();
    }

    @Test
    void shouldHonourBooleanDirectiveEvenWithTrailingJunk() {
        assertThat(CacheControl.parse("no-store junk, max-age=5").noStore()).isTrue();
    }

    @Test
    void shouldCombineSeveralHeaderLines() {
        CacheControl cc = CacheControl.parseAll(List.of("max-age=60", "stale-while-revalidate=10, no-cache"));

        assertThat(cc.maxAge()).isEqualTo(seconds(60));
        assertThat(cc.staleWhileRevalidate()).isEqualTo(seconds(10));
        assertThat(cc.noCache()).isTrue();
    }
}
