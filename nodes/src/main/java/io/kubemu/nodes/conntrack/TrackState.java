package io.kubemu.nodes.conntrack;

/** A tracked connection's state, named as {@code conntrack -L} prints it; UDP and ICMP use only NONE. */
public enum TrackState {
  NONE, SYN_SENT, SYN_RECV, ESTABLISHED, FIN_WAIT, CLOSE_WAIT, LAST_ACK, TIME_WAIT, CLOSE
}
