package io.kubemu.protocols.tcp;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import io.kubemu.protocols.wire.Encodable;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One TCP option (RFC 9293 3.2): {@code kind} and the bytes after the length octet. EOL and NOP
 * are a single octet. Kinds this class does not know are kept as they came. The data array is
 * shared, not copied: treat it as read-only.
 */
public record TcpOption(int kind, byte[] data) implements Encodable {
  public static final int EOL = 0;
  public static final int NOP = 1;
  public static final int MSS = 2;
  public static final int WINDOW_SCALE = 3;
  public static final int SACK_PERMITTED = 4;
  public static final int TIMESTAMPS = 8;
  /** The options field of a TCP header holds at most 40 bytes (data offset 15). */
  public static final int MAX_OPTIONS_LENGTH = 40;

  public TcpOption {
    if (kind < 0 || kind > 255) {
      throw new IllegalArgumentException("bad TCP option kind: " + kind + " (expected: 0..255)");
    }
    if (data == null) {
      throw new IllegalArgumentException("bad TCP option data: null (expected: bytes)");
    }
    int expected = dataLength(kind);
    if (expected >= 0 ? data.length != expected : data.length > MAX_OPTIONS_LENGTH - 2) {
      throw new IllegalArgumentException("bad TCP option data length for " + name(kind) + ": " + data.length
          + " (expected: " + (expected >= 0 ? expected : "0.." + (MAX_OPTIONS_LENGTH - 2)) + ")");
    }
  }

  /** The data length a known kind must have, or -1 when any length is allowed. */
  private static int dataLength(int kind) {
    return switch (kind) {
      case EOL, NOP, SACK_PERMITTED -> 0;
      case MSS -> 2;
      case WINDOW_SCALE -> 1;
      case TIMESTAMPS -> 8;
      default -> -1;
    };
  }

  public static TcpOption eol() {
    return new TcpOption(EOL, new byte[0]);
  }

  public static TcpOption nop() {
    return new TcpOption(NOP, new byte[0]);
  }

  public static TcpOption mss(int mss) {
    if (mss < 0 || mss > 0xFFFF) {
      throw new IllegalArgumentException("bad MSS: " + mss + " (expected: 0..65535)");
    }
    return new TcpOption(MSS, new byte[] {(byte) (mss >>> 8), (byte) mss});
  }

  /** Window scale (RFC 7323 2.2); shifts above 14 are sent as they are but a receiver uses 14. */
  public static TcpOption windowScale(int shift) {
    if (shift < 0 || shift > 255) {
      throw new IllegalArgumentException("bad window scale shift: " + shift + " (expected: 0..255)");
    }
    return new TcpOption(WINDOW_SCALE, new byte[] {(byte) shift});
  }

  public static TcpOption sackPermitted() {
    return new TcpOption(SACK_PERMITTED, new byte[0]);
  }

  public static TcpOption timestamps(long value, long echoReply) {
    if (value < 0 || value > 0xFFFFFFFFL || echoReply < 0 || echoReply > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("bad timestamps: " + value + "/" + echoReply + " (expected: 0..2^32-1 each)");
    }
    return new TcpOption(TIMESTAMPS, new ByteWriter(8).u32(value).u32(echoReply).toByteArray());
  }

  public int mss() {
    return (int) unsigned(MSS, 0, 2);
  }

  public int windowScale() {
    return (int) unsigned(WINDOW_SCALE, 0, 1);
  }

  public long timestampValue() {
    return unsigned(TIMESTAMPS, 0, 4);
  }

  public long timestampEchoReply() {
    return unsigned(TIMESTAMPS, 4, 4);
  }

  private long unsigned(int expectedKind, int from, int n) {
    if (kind != expectedKind) {
      throw new IllegalStateException("reading " + name(expectedKind) + " from option " + name(kind)
          + " (expected: kind " + expectedKind + ")");
    }
    long v = 0;
    for (int i = from; i < from + n; i++) {
      v = (v << 8) | (data[i] & 0xFF);
    }
    return v;
  }

  /**
   * Parses an options field. Parsing stops after EOL (what follows is padding); a length octet
   * below 2, past the end, or wrong for a known kind is an error. Offsets are within the field.
   */
  public static List<TcpOption> parse(byte[] options) {
    if (options.length > MAX_OPTIONS_LENGTH) {
      throw new MalformedPacketException(0, "TCP options too long: " + options.length
          + " bytes (expected: at most " + MAX_OPTIONS_LENGTH + ")");
    }
    ByteReader r = new ByteReader(options);
    List<TcpOption> out = new ArrayList<>();
    while (r.hasRemaining()) {
      int at = r.position();
      int kind = r.u8("TCP option kind");
      if (kind == EOL || kind == NOP) {
        out.add(new TcpOption(kind, new byte[0]));
        if (kind == EOL) {
          break;
        }
        continue;
      }
      int length = r.u8("TCP option length");
      int expected = dataLength(kind);
      if (length < 2 || (expected >= 0 && length != expected + 2)) {
        throw new MalformedPacketException(at + 1, "bad TCP option length for " + name(kind) + ": " + length
            + " (expected: " + (expected >= 0 ? String.valueOf(expected + 2) : ">= 2") + ")");
      }
      out.add(new TcpOption(kind, r.bytes(length - 2, "TCP option " + name(kind))));
    }
    return List.copyOf(out);
  }

  /** Encodes options back to back, padded with zeros (EOL) to a multiple of 4 bytes. */
  public static byte[] encodeAll(List<TcpOption> options) {
    ByteWriter w = new ByteWriter(MAX_OPTIONS_LENGTH);
    options.forEach(o -> o.encode(w));
    w.zeros((4 - w.position() % 4) % 4);
    if (w.position() > MAX_OPTIONS_LENGTH) {
      throw new IllegalArgumentException("TCP options too long: " + w.position()
          + " bytes (expected: at most " + MAX_OPTIONS_LENGTH + ")");
    }
    return w.toByteArray();
  }

  @Override
  public void encode(ByteWriter w) {
    w.u8(kind);
    if (kind != EOL && kind != NOP) {
      w.u8(2 + data.length).bytes(data);
    }
  }

  @Override
  public int length() {
    return kind == EOL || kind == NOP ? 1 : 2 + data.length;
  }

  static String name(int kind) {
    return switch (kind) {
      case EOL -> "eol";
      case NOP -> "nop";
      case MSS -> "mss";
      case WINDOW_SCALE -> "wscale";
      case SACK_PERMITTED -> "sackOK";
      case TIMESTAMPS -> "TS";
      default -> "opt-" + kind;
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TcpOption t && kind == t.kind && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * kind + Arrays.hashCode(data);
  }

  /** As tcpdump prints it: {@code mss 1460}, {@code sackOK}, {@code TS val 1 ecr 0}, {@code wscale 7}. */
  @Override
  public String toString() {
    return switch (kind) {
      case MSS -> "mss " + mss();
      case WINDOW_SCALE -> "wscale " + windowScale();
      case TIMESTAMPS -> "TS val " + timestampValue() + " ecr " + timestampEchoReply();
      case EOL, NOP, SACK_PERMITTED -> name(kind);
      default -> name(kind) + ":" + HexFormat.of().formatHex(data);
    };
  }
}
