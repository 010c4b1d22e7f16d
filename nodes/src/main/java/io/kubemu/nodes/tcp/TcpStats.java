package io.kubemu.nodes.tcp;

/** A namespace's TCP counters, named after their {@code netstat -s} / nstat equivalents. */
public final class TcpStats {
  long activeOpens;
  long passiveOpens;
  long segmentsSent;
  long resetsSent;
  long retransmits;
  long listenDrops;
  long outOfOrderDrops;
  long timeWaitOverflows;

  /** TcpActiveOpens: connect() calls that sent a SYN. */
  public long activeOpens() {
    return activeOpens;
  }

  /** TcpPassiveOpens: SYNs a listener took. */
  public long passiveOpens() {
    return passiveOpens;
  }

  /** TcpOutSegs. */
  public long segmentsSent() {
    return segmentsSent;
  }

  /** TcpOutRsts. */
  public long resetsSent() {
    return resetsSent;
  }

  /** TcpRetransSegs (timeouts and fast retransmits). */
  public long retransmits() {
    return retransmits;
  }

  /** TcpExtListenDrops: SYNs dropped because the backlog or the connection table was full. */
  public long listenDrops() {
    return listenDrops;
  }

  /** TcpExtTCPOFODrop: segments ahead of a gap dropped because the out-of-order queue was full. */
  public long outOfOrderDrops() {
    return outOfOrderDrops;
  }

  /** TcpExtTCPTimeWaitOverflow. */
  public long timeWaitOverflows() {
    return timeWaitOverflows;
  }
}
