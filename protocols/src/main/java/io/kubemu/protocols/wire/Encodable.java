package io.kubemu.protocols.wire;

/** A wire message: it writes itself and knows its encoded length. Decoding is a static {@code decode(ByteReader)}. */
public interface Encodable {
  void encode(ByteWriter w);

  int length();

  default byte[] toBytes() {
    ByteWriter w = new ByteWriter(length());
    encode(w);
    return w.toByteArray();
  }
}
