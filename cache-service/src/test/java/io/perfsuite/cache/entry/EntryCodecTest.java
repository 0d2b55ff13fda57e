package io.perfsuite.cache.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntryCodecTest {

    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07.891Z");
    private final EntryCodec codec = new EntryCodec();

    private static CacheEntry entry(byte[] value) {
        return CacheEntry.builder(value, "application/json; charset=utf-8", T0)
                .freshUntil(T0.plusSeconds(30))
                .staleUntil(T0.plusSeconds(90))
                .staleIfErrorUntil(T0.plusSeconds(3600))
                .computeTime(Duration.ofNanos(12_345_000))
                .tagVersions(Map.of("user:42", 7L, "catalogue", 0L, "ünïcode-tag", Long.MAX_VALUE))
                .build();
    }

    private static byte[] compressible(int size) {
        byte[] value = new byte[size];
        byte[] pattern = "{\"name\":\"widget\",\"price\":12.5},".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < size; i++) {
            value[i] = pattern[i % pattern.length];
        }
        return value;
    }

    private static byte[] random(int size) {
        byte[] value = new byte[size];
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < size; i++) {
            value[i] = (byte) rnd.nextInt(256);
        }
        return value;
    }

    @Test
    void shouldRoundTripSmallValueUncompressed() {
        CacheEntry original = entry("{\"ok\":true}".getBytes(StandardCharsets.UTF_8));

        byte[] encoded = codec.encode(original);

        assertThat(EntryCodec.isCompressed(encoded)).isFalse();
        assertThat(codec.decode(encoded)).isEqualTo(original);
    }

    @Test
    void shouldRoundTripLargeCompressibleValueCompressedAndSmaller() {
        CacheEntry original = entry(compressible(64 * 1024));

        byte[] encoded = codec.encode(original);

        assertThat(EntryCodec.isCompressed(encoded)).isTrue();
        assertThat(encoded.length).isLessThan(original.value().length / 4);
        assertThat(codec.decode(encoded)).isEqualTo(original);
    }

    @Test
    void shouldKeepLargeIncompressibleValueUncompressed() {
        CacheEntry original = entry(random(64 * 1024));

        byte[] encoded = codec.encode(original);

        assertThat(EntryCodec.isCompressed(encoded)).isFalse();
        assertThat(codec.decode(encoded)).isEqualTo(original);
    }

    @Test
    void shouldCompressOnlyValuesLongerThanThreshold() {
        EntryCodec small = new EntryCodec(100);

        assertThat(EntryCodec.isCompressed(small.encode(entry(compressible(100))))).isFalse();
        assertThat(EntryCodec.isCompressed(small.encode(entry(compressible(101))))).isTrue();
        assertThat(small.decode(small.encode(entry(compressible(101))))).isEqualTo(entry(compressible(101)));
    }

    @Test
    void shouldUseOneKibibyteAsDefaultThreshold() {
        assertThat(EntryCodec.isCompressed(codec.encode(entry(compressible(1024))))).isFalse();
        assertThat(EntryCodec.isCompressed(codec.encode(entry(compressible(1025))))).isTrue();
    }

    @Test
    void shouldRoundTripEmptyValueAndNoTags() {
        CacheEntry original = CacheEntry.builder(new byte[0], "", T0).freshUntil(T0).build();

        assertThat(codec.decode(codec.encode(original))).isEqualTo(original);
    }

    @Test
    void shouldTruncateTimestampsToMillisAndComputeTimeToMicros() {
        Instant precise = Instant.parse("2025-01-01T00:00:00.123456789Z");
        CacheEntry original = CacheEntry.builder(new byte[]{1}, "x", precise).freshUntil(precise.plusSeconds(1))
                .computeTime(Duration.ofNanos(1_234_567)).build();

        CacheEntry decoded = codec.decode(codec.encode(original));

        assertThat(decoded.storedAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00.123Z"));
        assertThat(decoded.freshUntil()).isEqualTo(Instant.parse("2025-01-01T00:00:01.123Z"));
        assertThat(decoded.computeTime()).isEqualTo(Duration.ofNanos(1_234_000));
        assertThat(decoded.etag()).isEqualTo(original.etag());
    }

    @Test
    void shouldStayCompactForSmallEntries() {
        CacheEntry small = CacheEntry.builder(new byte[10], "text/plain", T0).freshUntil(T0.plusSeconds(60)).build();

        // 2 header + 8 storedAt + 4 small varints (~6) + 11 content type + 1 tag count + 25 etag + 11 value
        assertThat(codec.encode(small).length).isLessThanOrEqualTo(64);
    }

    @Test
    void shouldRejectEmptyAndNullInput() {
        assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(CorruptEntryException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> codec.decode(null)).isInstanceOf(CorruptEntryException.class);
    }

    @Test
    void shouldRejectUnknownFormatVersion() {
        byte[] encoded = codec.encode(entry(new byte[]{1, 2, 3}));
        encoded[0] = 9;

        assertThatThrownBy(() -> codec.decode(encoded)).isInstanceOf(CorruptEntryException.class)
                .hasMessageContaining("unsupported entry format version 9");
    }

    @Test
    void shouldRejectUnknownFlags() {
        byte[] encoded = codec.encode(entry(new byte[]{1, 2, 3}));
        encoded[1] = (byte) 0x80;

        assertThatThrownBy(() -> codec.decode(encoded)).isInstanceOf(CorruptEntryException.class)
                .hasMessageContaining("flags");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldRejectEveryTruncationWithCorruptEntryException(boolean compressed) {
        byte[] encoded = codec.encode(entry(compressed ? compressible(4096) : "abc".getBytes(StandardCharsets.UTF_8)));
        assertThat(EntryCodec.isCompressed(encoded)).isEqualTo(compressed);

        for (int length = 0; length < encoded.length; length++) {
            byte[] truncated = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> codec.decode(truncated)).as("truncated to %d bytes", length)
                    .isInstanceOf(CorruptEntryException.class);
        }
    }

    @Test
    void shouldRejectAStringThatIsNotValidUtf8() {
        CacheEntry original = CacheEntry.builder("{}".getBytes(StandardCharsets.UTF_8), "text/caf\u00e9", T0)
                .freshUntil(T0.plusSeconds(30)).build();
        byte[] encoded = codec.encode(original);
        int at = -1;
        for (int i = 0; i + 1 < encoded.length; i++) {
            if ((encoded[i] & 0xFF) == 0xC3 && (encoded[i + 1] & 0xFF) == 0xA9) {
                at = i + 1;
            }
        }
        assertThat(at).isPositive();
        encoded[at] = '('; // a lead byte followed by ASCII: malformed

        byte[] malformed = encoded;
        assertThatThrownBy(() -> codec.decode(malformed)).isInstanceOf(CorruptEntryException.class)
                .hasMessageContaining("content type").hasMessageContaining("not valid UTF-8");
    }

    @Test
    void shouldRejectTrailingBytes() {
        byte[] encoded = codec.encode(entry("abc".getBytes(StandardCharsets.UTF_8)));
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);

        assertThatThrownBy(() -> codec.decode(longer)).isInstanceOf(CorruptEntryException.class)
                .hasMessageContaining("value length 3");
    }

    @Test
    void shouldRejectCorruptedCompressedBlock() {
        byte[] encoded = codec.encode(entry(compressible(4096)));
        for (int i = encoded.length - 40; i < encoded.length; i++) {
            encoded[i] = (byte) 0xFF;
        }

        assertThatThrownBy(() -> codec.decode(encoded)).isInstanceOf(CorruptEntryException.class);
    }

    @Test
    void shouldRejectImpossibleDeclaredLengthWithoutAllocatingIt() {
        // An empty value encodes its length as the single last byte (0); forge a compressed value of 2^31-1 bytes
        // declared over 20 bytes of payload instead.
        byte[] empty = codec.encode(CacheEntry.builder(new byte[0], "x", T0).freshUntil(T0).build());
        byte[] hugeLength = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        byte[] forged = Arrays.copyOf(empty, empty.length - 1 + hugeLength.length + 20);
        forged[1] = EntryCodec.FLAG_COMPRESSED;
        System.arraycopy(hugeLength, 0, forged, empty.length - 1, hugeLength.length);

        assertThatThrownBy(() -> codec.decode(forged)).isInstanceOf(CorruptEntryException.class)
                .hasMessageContaining("impossible");
    }

    @Test
    void shouldNeverThrowAnythingButCorruptEntryOnRandomGarbage() {
        SplittableRandom rnd = new SplittableRandom(7);
        byte[] valid = codec.encode(entry(compressible(2048)));
        for (int round = 0; round < 2_000; round++) {
            byte[] garbage = valid.clone();
            int flips = 1 + rnd.nextInt(8);
            for (int f = 0; f < flips; f++) {
                garbage[rnd.nextInt(garbage.length)] = (byte) rnd.nextInt(256);
            }
            garbage[0] = EntryCodec.FORMAT_VERSION;
            try {
                codec.decode(garbage);
            } catch (CorruptEntryException expected) {
                // fine: detected
            }
        }
        byte[] noise = random(512);
        noise[0] = EntryCodec.FORMAT_VERSION;
        noise[1] = 0;
        assertThatThrownBy(() -> codec.decode(noise)).isInstanceOf(CorruptEntryException.class);
    }

    @Test
    void shouldRejectNegativeThreshold() {
        assertThatThrownBy(() -> new EntryCodec(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
