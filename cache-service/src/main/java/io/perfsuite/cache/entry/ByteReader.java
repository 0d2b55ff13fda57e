package io.perfsuite.cache.entry;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked cursor over an encoded entry in {@code bytes[start, end)}: every overrun becomes a
 * {@link CorruptEntryException}. Positions are array indexes; messages name offsets from {@code start}.
 */
final class ByteReader {

    private final byte[] bytes;
    private final int start;
    private final int end;
    private int position;

    ByteReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
        this.position = start;
    }

    /** The array index of the next byte. */
    int position() {
        return position;
    }

    int remaining() {
        return end - position;
    }

    byte readByte() {
        require(1);
        return bytes[position++];
    }

    long readLong() {
        require(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (bytes[position++] & 0xFF);
        }
        return v;
    }

    /** Unsigned LEB128, at most 10 bytes. */
    long readVarLong() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = readByte();
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new CorruptEntryException("varint longer than 10 bytes at offset " + offset());
    }

    /** A varint that must be a length or count no larger than the bytes that follow it. */
    int readLength(String what) {
        long v = readVarLong();
        if (v < 0 || v > remaining()) {
            throw new CorruptEntryException(
                    what + " " + Long.toUnsignedString(v) + " at offset " + offset() + " exceeds the " + remaining()
                            + " byte(s) left");
        }
        return (int) v;
    }

    /**
     * A length-prefixed UTF-8 string. {@code known} is returned instead of a new string when it has exactly these bytes
     * (a content type repeats across entries); pass null when there is nothing to reuse.
     */
    String readUtf8(String what, String known) {
        int length = readLength(what + " length");
        if (known != null && sameAscii(known, length)) {
            position += length;
            return known;
        }
        String s = ascii(length) ? new String(bytes, position, length, StandardCharsets.ISO_8859_1) : strict(what, length);
        position += length;
        return s;
    }

    /** ASCII is valid UTF-8 and decodes byte for byte, without a decoder and its buffers (the common case). */
    private boolean ascii(int length) {
        for (int i = position; i < position + length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private boolean sameAscii(String known, int length) {
        if (known.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = known.charAt(i);
            if (c >= 0x80 || bytes[position + i] != c) {
                return false;
            }
        }
        return true;
    }

    private String strict(String what, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, position, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CorruptEntryException(what + " at offset " + offset() + " is not valid UTF-8", e);
        }
    }

    private int offset() {
        return position - start;
    }

    private void require(int n) {
        if (remaining() < n) {
            throw new CorruptEntryException(
                    "truncated entry: needed " + n + " more byte(s) at offset " + offset() + " of " + (end - start));
        }
    }
}
