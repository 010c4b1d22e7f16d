package io.kubemu.protocols.ethernet;

import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.wire.ByteReader;

/**
 * The 14-byte header of an Ethernet II frame. A receive path that only looks at the addresses
 * and the EtherType decodes this and goes on to decode the payload from the same reader, without
 * copying it out as {@link EthernetFrame#decode} does.
 */
public record EthernetHeader(MacAddress destination, MacAddress source, int etherType) {
  /** Reads the header; {@code r} is left at the first payload byte. */
  public static EthernetHeader decode(ByteReader r) {
    ByteReader header = r.slice(EthernetFrame.HEADER_LENGTH, "Ethernet header");
    MacAddress destination = MacAddress.decode(header);
    MacAddress source = MacAddress.decode(header);
    return new EthernetHeader(destination, source, header.u16("EtherType"));
  }
}
