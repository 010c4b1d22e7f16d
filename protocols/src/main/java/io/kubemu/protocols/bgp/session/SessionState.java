package io.kubemu.protocols.bgp.session;

/** The six states of the BGP finite state machine (RFC 4271 8.2.2). */
public enum SessionState {
  IDLE, CONNECT, ACTIVE, OPEN_SENT, OPEN_CONFIRM, ESTABLISHED
}
