package io.kubemu.nodes.conntrack;

/**
 * One tracked connection: the tuple its first packet had, the tuple its replies have (which
 * differs from the reversed original exactly where NAT applies), its state and when it expires.
 */
public final class ConntrackEntry {
  private final FlowTuple original;
  private final FlowTuple reply;
  TrackState state;
  long expiresAt;
  boolean seenReply;
  boolean assured;
  /** The direction whose FIN came first, while a TCP connection closes. */
  boolean finFromOriginal;

  ConntrackEntry(FlowTuple original, FlowTuple reply, TrackState state) {
    this.original = original;
    this.reply = reply;
    this.state = state;
  }

  public FlowTuple original() {
    return original;
  }

  public FlowTuple reply() {
    return reply;
  }

  public TrackState state() {
    return state;
  }

  public boolean assured() {
    return assured;
  }

  /** Destination NAT was applied: replies come from somewhere other than where the first packet went. */
  public boolean dnat() {
    return !reply.source().equals(original.destination()) || reply.sourcePort() != original.destinationPort();
  }

  /** Source NAT was applied: replies go to somewhere other than where the first packet came from. */
  public boolean snat() {
    return !reply.destination().equals(original.source()) || reply.destinationPort() != original.sourcePort();
  }
}
