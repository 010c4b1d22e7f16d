package io.kubemu.protocols.bgp;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;

/**
 * A ROUTE-REFRESH message (RFC 2918): asks the peer to send its routes of one address family again.
 * The reserved octet is sent as 0 and ignored on receipt, as RFC 2918 section 3 says.
 */
public record BgpRouteRefresh(int afi, int safi) implements BgpMessage {
  public static final int BODY_LENGTH = 4;

  public BgpRouteRefresh {
    if (afi < 0 || afi > 0xFFFF || safi < 0 || safi > 255) {
      throw new IllegalArgumentException("bad ROUTE-REFRESH AFI/SAFI: " + afi + "/" + safi
          + " (expected: 0..65535 / 0..255)");
    }
  }

  static BgpRouteRefresh decodeBody(ByteReader body) {
    int afi = body.u16("ROUTE-REFRESH AFI");
    body.u8("ROUTE-REFRESH reserved");
    return new BgpRouteRefresh(afi, body.u8("ROUTE-REFRESH SAFI"));
  }

  @Override
  public int type() {
    return BgpMessage.ROUTE_REFRESH;
  }

  @Override
  public int bodyLength() {
    return BODY_LENGTH;
  }

  @Override
  public void encodeBody(ByteWriter w) {
    w.u16(afi).u8(0).u8(safi);
  }
}
