package io.kubemu.nodes.app;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.nio.charset.StandardCharsets;

/**
 * One datagram of the bench protocol between {@code udp-flood} and {@code udp-sink}: a kind byte,
 * two 64-bit numbers, then padding (data) or text (a report).
 *
 * <pre>
 * kind   value                 extra
 * D      sequence number       -            padded to the datagram size
 * H      -                     ack every N  hello: the sink resets its count and acks at once
 * A      datagrams received    -            ack, every N data datagrams
 * P      -                     sent so far  probe: the sink answers at once
 * K      datagrams received    probe's sent answer to a probe
 * R      -                     -            report request
 * S      datagrams received    -            report, then the sink's eth0 drops as text
 * </pre>
 */
public record FloodMessage(int kind, long value, long extra, String text) {
  public static final int DATA = 'D';
  public static final int HELLO = 'H';
  public static final int ACK = 'A';
  public static final int PROBE = 'P';
  public static final int PROBE_ACK = 'K';
  public static final int REPORT_REQUEST = 'R';
  public static final int REPORT = 'S';
  /** Kind and the two numbers: the smallest datagram. */
  public static final int HEADER_LENGTH = 17;

  public static FloodMessage of(int kind, long value, long extra) {
    return new FloodMessage(kind, value, extra, "");
  }

  /** The datagram payload, padded with zeros to {@code size} bytes when shorter. */
  public byte[] encode(int size) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    ByteWriter w = new ByteWriter(Math.max(size, HEADER_LENGTH + body.length));
    w.u8(kind).i64(value).i64(extra).bytes(body);
    if (w.position() < size) {
      w.zeros(size - w.position());
    }
    return w.toByteArray();
  }

  public static FloodMessage decode(byte[] payload) {
    ByteReader r = new ByteReader(payload);
    int kind = r.u8("flood kind");
    long value = r.i64("flood value");
    long extra = r.i64("flood extra");
    if (kind == REPORT) {
      return new FloodMessage(kind, value, extra, new String(r.rest(), StandardCharsets.UTF_8));
    }
    if ("DHAPKR".indexOf(kind) < 0) {
      throw new MalformedPacketException(0, "unknown flood kind: " + kind + " (expected: one of DHAPKRS)");
    }
    return of(kind, value, extra);
  }
}
