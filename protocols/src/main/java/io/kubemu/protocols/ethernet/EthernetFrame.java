package io.kubemu.protocols.ethernet;

import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import io.kubemu.protocols.wire.Encodable;
import java.util.Arrays;
import java.util.Objects;

/**
 * An Ethernet II frame as it crosses a veth or a bridge: no preamble, no FCS. Encoding adds no
 * padding up to the 60-byte minimum (Linux pads on the physical wire only); decoding keeps any
 * padding in the payload, since upper layers carry their own lengths.
 *
 * <p>The payload array is shared, not copied: treat it as read-only.
 */
public record EthernetFrame(MacAddress destination, MacAddress source, int etherType, byte[] payload)
    implements Encodable {
  public static final int HEADER_LENGTH = 14;

  public EthernetFrame {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(payload, "payload");
    if (etherType < 0 || etherType > 0xFFFF) {
      throw new IllegalArgumentException("EtherType out of range: " + etherType + " (expected: 0..65535)");
    }
  }

  /** Reads a 14-byte header and takes the rest of the reader as payload. */
  public static EthernetFrame decode(ByteReader r) {
    EthernetHeader header = EthernetHeader.decode(r);
    return new EthernetFrame(header.destination(), header.source(), header.etherType(), r.rest());
  }

  @Override
  public void encode(ByteWriter w) {
    destination.encode(w);
    source.encode(w);
    w.u16(etherType);
    w.bytes(payload);
  }

  @Override
  public int length() {
    return HEADER_LENGTH + payload.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EthernetFrame f
        && destination.equals(f.destination)
        && source.equals(f.source)
        && etherType == f.etherType
        && Arrays.equals(payload, f.payload);
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hash(destination, source, etherType) + Arrays.hashCode(payload);
  }

  /** tcpdump's order: {@code 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff arp len 28}. */
  @Override
  public String toString() {
    return source + " > " + destination + " " + EtherType.name(etherType) + " len " + payload.length;
  }
}
