package io.perfsuite.cache.entry;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Bounds-checked cursor over an encoded entry: every overrun becomes a {@link CorruptEntryException}. */
final class ByteReader {

    private final byte[] bytes;
    private int position;

    ByteReader(byte[] bytes) {
        this.bytes = bytes;
    }

    int position() {
        return position;
    }

    int remaining() {
        return bytes.length - position;
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
        throw new CorruptEntryException("varint longer than 10 bytes at offset " + position);
    }

    /** A varint that must be a length or count no larger than the bytes that follow it. */
    int readLength(String what) {
        long v = readVarLong();
        if (v < 0 || v > remaining()) {
            throw new CorruptEntryException(
                    what + " " + Long.toUnsignedString(v) + " at offset " + position + " exceeds the " + remaining()
                            + " byte(s) left");
        }
        return (int) v;
    }

    String readUtf8(String what) {
        int length = readLength(what + " length");
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, position, length))
                    .toString();
            position += length;
            return s;
        } catch (CharacterCodingException e) {
            throw new CorruptEntryException(what + " at offset " + position + " is not valid UTF-8", e);
        }
    }

    private void require(int n) {
        if (remaining() < n) {
            throw new CorruptEntryException(
                    "truncated entry: needed " + n + " more byte(s) at offset " + position + " of " + bytes.length);
        }
    }
}
