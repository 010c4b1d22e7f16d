package io.kubemu.nodes.tcp;

/** The connection states of RFC 9293 section 3.3.2, named as {@code ss} prints them. */
public enum TcpState {
  LISTEN("LISTEN"),
  SYN_SENT("SYN-SENT"),
  SYN_RECEIVED("SYN-RECV"),
  ESTABLISHED("ESTAB"),
  FIN_WAIT_1("FIN-WAIT-1"),
  FIN_WAIT_2("FIN-WAIT-2"),
  CLOSE_WAIT("CLOSE-WAIT"),
  CLOSING("CLOSING"),
  LAST_ACK("LAST-ACK"),
  TIME_WAIT("TIME-WAIT"),
  CLOSED("UNCONN");

  private final String ss;

  TcpState(String ss) {
    this.ss = ss;
  }

  /** The state as {@code ss -t} shows it. */
  public String ss() {
    return ss;
  }

  /** A FIN may still be sent: the program has not shut down its side. */
  boolean canSend() {
    return this == ESTABLISHED || this == CLOSE_WAIT || this == SYN_SENT || this == SYN_RECEIVED;
  }
}
