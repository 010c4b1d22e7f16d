package io.kubemu.protocols.wire;

/**
 * The one exception a decoder throws on bad bytes. It carries the offset, relative to the start of
 * the buffer being decoded, at which the problem was found. Messages read
 * {@code problem: value (expected: constraint)}.
 */
public final class MalformedPacketException extends RuntimeException {
  private final int offset;

  public MalformedPacketException(int offset, String message) {
    super(message + " at offset " + offset);
    this.offset = offset;
  }

  public int offset() {
    return offset;
  }
}
