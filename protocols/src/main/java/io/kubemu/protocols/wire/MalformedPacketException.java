package io.kubemu.protocols.wire;

/**
 * The one exception a decoder throws on bad bytes. It carries the offset, relative to the start of
 * the buffer being decoded, at which the problem was found. Messages read
 * {@code problem: value (expected: constraint)}.
 *
 * <p>Not final: a protocol whose errors must be answered on the wire (BGP's NOTIFICATION) throws a
 * subclass that carries the answer, so callers that only catch this class still catch it.
 */
public class MalformedPacketException extends RuntimeException {
  private final int offset;

  public MalformedPacketException(int offset, String message) {
    super(message + " at offset " + offset);
    this.offset = offset;
  }

  public int offset() {
    return offset;
  }
}
