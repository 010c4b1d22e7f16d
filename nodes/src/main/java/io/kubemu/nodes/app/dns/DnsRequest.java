package io.kubemu.nodes.app.dns;

import io.kubemu.protocols.addr.Ipv4Address;
import org.xbill.DNS.Message;

/**
 * A query a DNS server accepted: the message, the port it came in on, over which transport and
 * from whom, and the most bytes its answer may take (65535 over TCP; over UDP the client's EDNS
 * buffer size, at least 512, and no more than fits the pod's link unfragmented).
 */
public record DnsRequest(Message query, int serverPort, boolean tcp, Ipv4Address client, int clientPort, int maxSize,
    long receivedNanos) {
  public String proto() {
    return tcp ? "tcp" : "udp";
  }
}
