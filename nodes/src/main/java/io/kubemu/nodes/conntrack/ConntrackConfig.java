package io.kubemu.nodes.conntrack;

import java.time.Duration;

/**
 * The table's bound and timeouts: Linux's nf_conntrack defaults, with the two that kube-proxy
 * sets on every node (tcp_timeout_established 86400 s, tcp_timeout_close_wait 3600 s) and its
 * nf_conntrack_max floor of 131072.
 */
public record ConntrackConfig(int max, Duration synSent, Duration synRecv, Duration established, Duration finWait,
    Duration closeWait, Duration lastAck, Duration timeWait, Duration close, Duration udp, Duration udpStream,
    Duration icmp) {
  public static final ConntrackConfig KUBE_PROXY = new ConntrackConfig(131072, Duration.ofSeconds(120),
      Duration.ofSeconds(60), Duration.ofSeconds(86400), Duration.ofSeconds(120), Duration.ofSeconds(3600),
      Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(10), Duration.ofSeconds(30),
      Duration.ofSeconds(120), Duration.ofSeconds(30));

  Duration timeout(TrackState state, boolean udpAssured, int protocol) {
    return switch (state) {
      case SYN_SENT -> synSent;
      case SYN_RECV -> synRecv;
      case ESTABLISHED -> established;
      case FIN_WAIT -> finWait;
      case CLOSE_WAIT -> closeWait;
      case LAST_ACK -> lastAck;
      case TIME_WAIT -> timeWait;
      case CLOSE -> close;
      case NONE -> protocol == io.kubemu.protocols.ipv4.IpProtocol.ICMP ? icmp : udpAssured ? udpStream : udp;
    };
  }
}
