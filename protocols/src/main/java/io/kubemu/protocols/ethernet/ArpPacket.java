package io.kubemu.protocols.ethernet;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import io.kubemu.protocols.wire.Encodable;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Objects;

/**
 * An ARP packet for IPv4 over Ethernet (RFC 826), the only kind a Kubernetes node sends: hardware
 * type 1, protocol type 0x0800, address lengths 6 and 4, 28 bytes in all. Other hardware or
 * protocol types are rejected as malformed; unknown operation codes decode and keep their number.
 */
public record ArpPacket(int operation, MacAddress senderMac, Ipv4Address senderIp, MacAddress targetMac,
    Ipv4Address targetIp) implements Encodable {
  public static final int REQUEST = 1;
  public static final int REPLY = 2;
  public static final int LENGTH = 28;
  public static final int HARDWARE_ETHERNET = 1;

  public ArpPacket {
    Objects.requireNonNull(senderMac, "senderMac");
    Objects.requireNonNull(senderIp, "senderIp");
    Objects.requireNonNull(targetMac, "targetMac");
    Objects.requireNonNull(targetIp, "targetIp");
    if (operation < 0 || operation > 0xFFFF) {
      throw new IllegalArgumentException("ARP operation out of range: " + operation + " (expected: 0..65535)");
    }
  }

  /** "Who has {@code targetIp}? Tell {@code senderIp}": the target MAC is all zeros, as Linux sends it. */
  public static ArpPacket request(MacAddress senderMac, Ipv4Address senderIp, Ipv4Address targetIp) {
    return new ArpPacket(REQUEST, senderMac, senderIp, MacAddress.ZERO, targetIp);
  }

  /** The reply to this request from the owner of the target IP: "{@code targetIp} is at {@code answerMac}". */
  public ArpPacket replyFrom(MacAddress answerMac) {
    if (operation != REQUEST) {
      throw new IllegalStateException(
          "replyFrom on ARP operation " + operation + " (expected: " + REQUEST + ", request)");
    }
    return new ArpPacket(REPLY, answerMac, targetIp, senderMac, senderIp);
  }

  /** Reads exactly 28 bytes; Ethernet padding after them is left in the reader. */
  public static ArpPacket decode(ByteReader r) {
    ByteReader body = r.slice(LENGTH, "ARP packet");
    int at = body.position();
    int hardwareType = body.u16("ARP hardware type");
    if (hardwareType != HARDWARE_ETHERNET) {
      throw new MalformedPacketException(at,
          "unsupported ARP hardware type: " + hardwareType + " (expected: 1, Ethernet)");
    }
    int protocolType = body.u16("ARP protocol type");
    if (protocolType != EtherType.IPV4) {
      throw new MalformedPacketException(at + 2,
          String.format("unsupported ARP protocol type: 0x%04x (expected: 0x0800, IPv4)", protocolType));
    }
    int hardwareLength = body.u8("ARP hardware address length");
    if (hardwareLength != 6) {
      throw new MalformedPacketException(at + 4,
          "unsupported ARP hardware address length: " + hardwareLength + " (expected: 6)");
    }
    int protocolLength = body.u8("ARP protocol address length");
    if (protocolLength != 4) {
      throw new MalformedPacketException(at + 5,
          "unsupported ARP protocol address length: " + protocolLength + " (expected: 4)");
    }
    int operation = body.u16("ARP operation");
    return new ArpPacket(operation, MacAddress.decode(body), Ipv4Address.decode(body),
        MacAddress.decode(body), Ipv4Address.decode(body));
  }

  @Override
  public void encode(ByteWriter w) {
    w.u16(HARDWARE_ETHERNET).u16(EtherType.IPV4).u8(6).u8(4).u16(operation);
    senderMac.encode(w);
    senderIp.encode(w);
    targetMac.encode(w);
    targetIp.encode(w);
  }

  @Override
  public int length() {
    return LENGTH;
  }

  /** tcpdump's wording: {@code who-has 10.244.1.1 tell 10.244.1.5}, {@code 10.244.1.1 is-at 02:..}. */
  @Override
  public String toString() {
    return switch (operation) {
      case REQUEST -> "arp who-has " + targetIp + " tell " + senderIp;
      case REPLY -> "arp reply " + senderIp + " is-at " + senderMac;
      default -> "arp op " + operation + " " + senderIp + " (" + senderMac + ") > " + targetIp + " (" + targetMac + ")";
    };
  }
}
