package io.kubemu.emulator.api;

/**
 * A reader of protocol buffers wire format: tags, varints and length-delimited fields, every read
 * bounds-checked first. Bad bytes throw IllegalArgumentException with the offset. Pure.
 */
final class ProtoReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private final byte[] bytes;
  private int at;
  private final int end;

  ProtoReader(byte[] bytes, int from, int end) {
    if (from < 0 || end > bytes.length || from > end) {
      throw new IllegalArgumentException("bad protobuf bounds: " + from + ".." + end + " (expected: within 0.." + bytes.length + ")");
    }
    this.bytes = bytes;
    this.at = from;
    this.end = end;
  }

  boolean more() {
    return at < end;
  }

  /** The next field's tag: its number times 8 plus its wire type. */
  long tag() {
    long tag = varint();
    if ((tag >>> 3) == 0) {
      throw failure("field number 0");
    }
    return tag;
  }

  long varint() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at >= end) {
        throw failure("truncated varint");
      }
      byte b = bytes[at++];
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw failure("varint longer than 10 bytes");
  }

  /** A length-delimited field's contents, as a reader of their own. */
  ProtoReader delimited() {
    long length = varint();
    if (length < 0 || length > end - at) {
      throw failure("length " + length + " past the end (expected: at most " + (end - at) + ")");
    }
    ProtoReader inner = new ProtoReader(bytes, at, at + (int) length);
    at += (int) length;
    return inner;
  }

  byte[] remaining() {
    byte[] out = new byte[end - at];
    System.arraycopy(bytes, at, out, 0, out.length);
    at = end;
    return out;
  }

  String string() {
    return new String(delimited().remaining(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Skips a field of {@code wireType} whose tag was just read. */
  void skip(int wireType) {
    switch (wireType) {
      case VARINT -> varint();
      case FIXED64 -> advance(8);
      case LENGTH_DELIMITED -> delimited();
      case FIXED32 -> advance(4);
      default -> throw failure("unsupported wire type " + wireType);
    }
  }

  private void advance(int n) {
    if (n > end - at) {
      throw failure("truncated field");
    }
    at += n;
  }

  IllegalArgumentException failure(String problem) {
    return new IllegalArgumentException("malformed protobuf at offset " + at + ": " + problem);
  }
}
