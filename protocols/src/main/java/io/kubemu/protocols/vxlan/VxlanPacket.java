package io.kubemu.protocols.vxlan;

import io.kubemu.protocols.ethernet.EthernetFrame;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import io.kubemu.protocols.wire.Encodable;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A VXLAN packet (RFC 7348 section 5), the UDP payload Flannel's vxlan backend sends between
 * nodes: an 8-byte header, then the inner Ethernet frame.
 *
 * <pre>
 * |R|R|R|R|I|R|R|R|            Reserved                           |
 * |                VXLAN Network Identifier (VNI) |   Reserved    |
 * </pre>
 *
 * The I flag must be set; RFC 7348 has receivers drop packets without it, so decoding rejects them.
 * Reserved bits are ignored on receipt and sent as zero. The flags byte is kept as received.
 * The inner frame array is shared, not copied: treat it as read-only.
 */
public record VxlanPacket(int flags, int vni, byte[] innerFrame) implements Encodable {
  /** The I flag: the VNI is valid. */
  public static final int FLAG_VNI = 0x08;
  public static final int HEADER_LENGTH = 8;
  public static final int MAX_VNI = 0xFF_FFFF;
  /** The port the Linux kernel (and so Flannel) uses by default, from before IANA assigned one. */
  public static final int LINUX_PORT = 8472;
  public static final int IANA_PORT = 4789;

  public VxlanPacket {
    Objects.requireNonNull(innerFrame, "innerFrame");
    if (flags < 0 || flags > 0xFF) {
      throw new IllegalArgumentException("VXLAN flags out of range: " + flags + " (expected: 0..255)");
    }
    if (vni < 0 || vni > MAX_VNI) {
      throw new IllegalArgumentException("VXLAN VNI out of range: " + vni + " (expected: 0.." + MAX_VNI + ")");
    }
    if (innerFrame.length < EthernetFrame.HEADER_LENGTH) {
      throw new IllegalArgumentException("VXLAN inner frame too short: " + innerFrame.length
          + " bytes (expected: at least " + EthernetFrame.HEADER_LENGTH + ", an Ethernet header)");
    }
  }

  /** A packet with only the I flag set, as Linux sends. */
  public static VxlanPacket of(int vni, byte[] innerFrame) {
    return new VxlanPacket(FLAG_VNI, vni, innerFrame);
  }

  /** Reads the header and takes the rest of the reader as the inner frame. */
  public static VxlanPacket decode(ByteReader r) {
    ByteReader header = r.slice(HEADER_LENGTH, "VXLAN header");
    int at = header.position();
    int flags = header.u8("VXLAN flags");
    if ((flags & FLAG_VNI) == 0) {
      throw new MalformedPacketException(at,
          String.format("VXLAN I flag not set: flags 0x%02x (expected: 0x08 bit set)", flags));
    }
    header.skip(3, "VXLAN reserved");
    int vni = header.u24("VXLAN VNI");
    int innerAt = r.position();
    byte[] inner = r.rest();
    if (inner.length < EthernetFrame.HEADER_LENGTH) {
      throw new MalformedPacketException(innerAt, "truncated VXLAN inner frame: " + inner.length
          + " bytes (expected: at least " + EthernetFrame.HEADER_LENGTH + ", an Ethernet header)");
    }
    return new VxlanPacket(flags, vni, inner);
  }

  /** The inner frame, decoded. */
  public EthernetFrame innerEthernet() {
    return EthernetFrame.decode(new ByteReader(innerFrame));
  }

  @Override
  public void encode(ByteWriter w) {
    w.u8(flags).u24(0).u24(vni).u8(0).bytes(innerFrame);
  }

  @Override
  public int length() {
    return HEADER_LENGTH + innerFrame.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VxlanPacket p && flags == p.flags && vni == p.vni && Arrays.equals(innerFrame, p.innerFrame);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * flags + vni) + Arrays.hashCode(innerFrame);
  }

  @Override
  public String toString() {
    return "vxlan vni " + vni + " len " + innerFrame.length;
  }
}
