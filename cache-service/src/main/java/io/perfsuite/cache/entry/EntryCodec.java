package io.perfsuite.cache.entry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Binary form of a {@link CacheEntry} for the Redis tier. Thread-safe; its only state is a
 * guess at the next content type.
 *
 * <pre>
 * version        1 byte   (currently 1)
 * flags          1 byte   bit 0: value is LZ4-block compressed; other bits must be 0
 * storedAt       8 bytes  epoch millis, big-endian
 * freshUntil     varint   millis after storedAt
 * staleUntil     varint   millis after freshUntil
 * staleIfError   varint   millis after freshUntil
 * computeTime    varint   micros
 * contentType    varint length + UTF-8
 * tags           varint count, then per tag: varint length + UTF-8, varint version
 * etag           varint length + UTF-8
 * value length   varint   (uncompressed length, so a truncated value is detected)
 * value          the raw bytes, or (compressed) an LZ4 block; runs exactly to the end
 * </pre>
 *
 * Varints are unsigned LEB128. <b>Timestamps keep millisecond precision</b> and compute time microsecond precision, so
 * a decoded entry equals the original only if its instants had no finer precision. Values longer than the compression
 * threshold are compressed with the fast LZ4 compressor, and kept compressed only if that makes them smaller.
 */
public final class EntryCodec {

    public static final int DEFAULT_COMPRESSION_THRESHOLD = 1024;
    static final byte FORMAT_VERSION = 1;
    static final int FLAG_COMPRESSED = 1;

    // LZ4 cannot expand data more than ~255x; a larger declared size is corruption, not data, and must not be
    // allocated.
    private static final long MAX_LZ4_RATIO = 256;

    // The pure-Java safe implementations: no native library extraction, and the decompressor is bounds-checked
    // against hostile input.
    private static final LZ4Factory LZ4 = LZ4Factory.fastestJavaInstance();

    private final int compressionThreshold;
    private final LZ4Compressor compressor = LZ4.fastCompressor();
    private final LZ4SafeDecompressor decompressor = LZ4.safeDecompressor();
    /**
     * The content type decoded last: entries of a namespace mostly share one, so decoding reuses its string. Racy on
     * purpose: a String is safely published, and any thread's last value is as good a guess.
     */
    private String lastContentType;

    public EntryCodec() {
        this(DEFAULT_COMPRESSION_THRESHOLD);
    }

    /** @param compressionThreshold values longer than this many bytes are candidates for compression */
    public EntryCodec(int compressionThreshold) {
        if (compressionThreshold < 0) {
            throw new IllegalArgumentException(
                    "compressionThreshold must be >= 0 but was " + compressionThreshold);
        }
        this.compressionThreshold = compressionThreshold;
    }

    public int compressionThreshold() {
        return compressionThreshold;
    }

    /** Whether {@code encoded} (output of {@link #encode}) holds a compressed value; for metrics and tests. */
    public static boolean isCompressed(byte[] encoded) {
        if (encoded.length < 2 || encoded[0] != FORMAT_VERSION) {
            throw new CorruptEntryException("not an encoded entry of format version " + FORMAT_VERSION);
        }
        return (encoded[1] & FLAG_COMPRESSED) != 0;
    }

    public byte[] encode(CacheEntry entry) {
        long storedAt = epochMillis(entry.storedAt(), "storedAt");
        long freshUntil = epochMillis(entry.freshUntil(), "freshUntil");
        long freshFor = freshUntil - storedAt;
        long staleFor = epochMillis(entry.staleUntil(), "staleUntil") - freshUntil;
        long staleIfErrorFor = epochMillis(entry.staleIfErrorUntil(), "staleIfErrorUntil") - freshUntil;
        long computeMicros = micros(entry.computeTime());
        byte[] contentType = utf8(entry.contentType());
        byte[] etag = utf8(entry.etag());
        byte[][] tags = new byte[entry.tagVersions().size()][];
        long[] versions = new long[tags.length];
        int i = 0;
        for (Map.Entry<String, Long> tag : entry.tagVersions().entrySet()) {
            tags[i] = utf8(tag.getKey());
            versions[i++] = tag.getValue();
        }

        byte[] value = entry.value();
        byte[] compressed = null;
        int compressedLength = 0;
        if (value.length > compressionThreshold) {
            compressed = new byte[compressor.maxCompressedLength(value.length)];
            compressedLength = compressor.compress(value, 0, value.length, compressed, 0, compressed.length);
            if (ByteWriter.varLongSize(value.length) + compressedLength >= value.length) {
                compressed = null; // incompressible: storing it raw is smaller and skips decompression
            }
        }

        int size = 2 + 8 + ByteWriter.varLongSize(freshFor) + ByteWriter.varLongSize(staleFor)
                + ByteWriter.varLongSize(staleIfErrorFor) + ByteWriter.varLongSize(computeMicros)
                + ByteWriter.bytesFieldSize(contentType) + ByteWriter.varLongSize(tags.length)
                + ByteWriter.bytesFieldSize(etag);
        for (int t = 0; t < tags.length; t++) {
            size += ByteWriter.bytesFieldSize(tags[t]) + ByteWriter.varLongSize(versions[t]);
        }
        size += ByteWriter.varLongSize(value.length) + (compressed != null ? compressedLength : value.length);

        ByteWriter out = new ByteWriter(size);
        out.writeByte(FORMAT_VERSION);
        out.writeByte(compressed != null ? FLAG_COMPRESSED : 0);
        out.writeLong(storedAt);
        out.writeVarLong(freshFor);
        out.writeVarLong(staleFor);
        out.writeVarLong(staleIfErrorFor);
        out.writeVarLong(computeMicros);
        out.writeBytesField(contentType);
        out.writeVarLong(tags.length);
        for (int t = 0; t < tags.length; t++) {
            out.writeBytesField(tags[t]);
            out.writeVarLong(versions[t]);
        }
        out.writeBytesField(etag);
        out.writeVarLong(value.length);
        if (compressed != null) {
            out.writeRaw(compressed, 0, compressedLength);
        } else {
            out.writeRaw(value, 0, value.length);
        }
        return out.toByteArray();
    }

    /** @throws CorruptEntryException if {@code bytes} is not a complete entry in a format this build reads */
    public CacheEntry decode(byte[] bytes) {
        if (bytes == null) {
            throw new CorruptEntryException("no bytes to decode");
        }
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Decodes the entry in {@code bytes[offset, offset + length)}, so a caller holding a larger buffer (a Redis reply)
     * need not copy it out first. Only the value is copied: the entry must not share the caller's buffer.
     *
     * @throws CorruptEntryException if the range is not a complete entry in a format this build reads
     */
    public CacheEntry decode(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " outside " + bytes.length + " bytes");
        }
        ByteReader in = new ByteReader(bytes, offset, offset + length);
        byte version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw new CorruptEntryException(
                    "unsupported entry format version " + version + " (this build reads " + FORMAT_VERSION + ")");
        }
        int flags = in.readByte() & 0xFF;
        if ((flags & ~FLAG_COMPRESSED) != 0) {
            throw new CorruptEntryException("unknown flags 0x" + Integer.toHexString(flags));
        }
        long storedAt = in.readLong();
        long freshUntil = plusMillis(storedAt, in.readVarLong(), "freshUntil");
        long staleUntil = plusMillis(freshUntil, in.readVarLong(), "staleUntil");
        long staleIfErrorUntil = plusMillis(freshUntil, in.readVarLong(), "staleIfErrorUntil");
        long computeMicros = in.readVarLong();
        if (computeMicros < 0) {
            throw new CorruptEntryException("computeTime out of range");
        }
        String contentType = in.readUtf8("content type", lastContentType);
        if (contentType != lastContentType) {
            lastContentType = contentType;
        }
        int tagCount = in.readLength("tag count");
        if (tagCount > in.remaining() / 2) { // each tag takes at least two bytes
            throw new CorruptEntryException("tag count " + tagCount + " cannot fit in " + in.remaining() + " bytes");
        }
        Map<String, Long> tagVersions = tagCount == 0 ? Map.of() : new HashMap<>(tagCount * 2);
        for (int t = 0; t < tagCount; t++) {
            String tag = in.readUtf8("tag", null);
            if (tagVersions.put(tag, in.readVarLong()) != null) {
                throw new CorruptEntryException("duplicate tag '" + tag + "'");
            }
        }
        String etag = in.readUtf8("etag", null);
        long valueLength = in.readVarLong();
        byte[] value = (flags & FLAG_COMPRESSED) != 0
                ? decompress(bytes, in, valueLength)
                : rest(bytes, in, valueLength);
        try {
            return new CacheEntry(value, contentType, Instant.ofEpochMilli(storedAt), Instant.ofEpochMilli(freshUntil),
                    Instant.ofEpochMilli(staleUntil), Instant.ofEpochMilli(staleIfErrorUntil),
                    Duration.of(computeMicros, ChronoUnit.MICROS), tagVersions, etag);
        } catch (RuntimeException e) {
            throw new CorruptEntryException("decoded fields do not form a valid entry: " + e.getMessage(), e);
        }
    }

    private byte[] decompress(byte[] bytes, ByteReader in, long declared) {
        int compressedLength = in.remaining();
        if (declared < 0 || declared > Math.min(Integer.MAX_VALUE - 16, compressedLength * MAX_LZ4_RATIO)) {
            throw new CorruptEntryException(
                    "declared value length " + declared + " is impossible for " + compressedLength
                            + " compressed bytes");
        }
        byte[] value = new byte[(int) declared];
        int produced;
        try {
            produced = decompressor.decompress(bytes, in.position(), compressedLength, value, 0, value.length);
        } catch (RuntimeException e) { // LZ4Exception, or any bounds error from a malformed block
            throw new CorruptEntryException("compressed value is malformed: " + e.getMessage(), e);
        }
        if (produced != value.length) {
            throw new CorruptEntryException(
                    "compressed value expanded to " + produced + " bytes, header says " + value.length);
        }
        return value;
    }

    private static byte[] rest(byte[] bytes, ByteReader in, long declared) {
        if (declared != in.remaining()) {
            throw new CorruptEntryException(
                    "value length " + declared + " does not match the " + in.remaining() + " bytes that follow");
        }
        byte[] value = new byte[in.remaining()];
        System.arraycopy(bytes, in.position(), value, 0, value.length);
        return value;
    }

    private static long plusMillis(long base, long delta, String field) {
        if (delta < 0) {
            throw new CorruptEntryException(field + " offset out of range");
        }
        try {
            return Math.addExact(base, delta);
        } catch (ArithmeticException e) {
            throw new CorruptEntryException(field + " overflows", e);
        }
    }

    private static long epochMillis(Instant instant, String field) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " " + instant + " cannot be stored as epoch millis", e);
        }
    }

    private static long micros(Duration d) {
        try {
            return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1_000);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE; // ~292k years: saturate rather than fail a write over an absurd load time
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
