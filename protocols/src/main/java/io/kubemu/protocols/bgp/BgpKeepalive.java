package io.kubemu.protocols.bgp;

import io.kubemu.protocols.wire.ByteWriter;

/** A KEEPALIVE (RFC 4271 4.4): the header alone, sent to keep the peer's hold timer from expiring. */
public record BgpKeepalive() implements BgpMessage {
  public static final BgpKeepalive INSTANCE = new BgpKeepalive();

  @Override
  public int type() {
    return BgpMessage.KEEPALIVE;
  }

  @Override
  public int bodyLength() {
    return 0;
  }

  @Override
  public void encodeBody(ByteWriter w) {
    // a KEEPALIVE has no body
  }

  @Override
  public String toString() {
    return "KEEPALIVE";
  }
}
