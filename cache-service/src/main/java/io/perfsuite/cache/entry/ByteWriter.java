package io.perfsuite.cache.entry;

/** Fills a pre-sized array; sizes are computed up front so large values are copied once. */
final class ByteWriter {

    private final byte[] bytes;
    private int position;

    ByteWriter(int size) {
        this.bytes = new byte[size];
    }

    static int varLongSize(long v) {
        int size = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            size++;
        }
        return size;
    }

    static int bytesFieldSize(byte[] field) {
        return varLongSize(field.length) + field.length;
    }

    void writeByte(int b) {
        bytes[position++] = (byte) b;
    }

    void writeLong(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[position++] = (byte) (v >>> shift);
        }
    }

    void writeVarLong(long v) {
        while ((v & ~0x7FL) != 0) {
            bytes[position++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[position++] = (byte) v;
    }

    /** Length-prefixed. */
    void writeBytesField(byte[] field) {
        writeVarLong(field.length);
        writeRaw(field, 0, field.length);
    }

    void writeRaw(byte[] source, int offset, int length) {
        System.arraycopy(source, offset, bytes, position, length);
        position += length;
    }

    byte[] toByteArray() {
        if (position != bytes.length) {
            throw new IllegalStateException("size mismatch: wrote " + position + " of " + bytes.length);
        }
        return bytes;
    }
}
