package io.kubemu.protocols.ethernet;

import static io.kubemu.protocols.ethernet.ArpCapture.REQUEST_FRAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EthernetHeaderTest {
  @Test
  void readsTheHeaderAndLeavesTheReaderAtThePayload() {
    ByteReader r = new ByteReader(REQUEST_FRAME);
    EthernetHeader header = EthernetHeader.decode(r);
    EthernetFrame frame = EthernetFrame.decode(new ByteReader(REQUEST_FRAME));
    assertEquals(new EthernetHeader(frame.destination(), frame.source(), frame.etherType()), header);
    assertEquals(EthernetFrame.HEADER_LENGTH, r.position());
    assertEquals(ArpPacket.decode(new ByteReader(frame.payload())), ArpPacket.decode(r));
  }

  @Test
  void truncationAtEveryLengthIsMalformed() {
    for (int n = 0; n < EthernetFrame.HEADER_LENGTH; n++) {
      byte[] prefix = Arrays.copyOf(REQUEST_FRAME, n);
      assertThrows(MalformedPacketException.class, () -> EthernetHeader.decode(new ByteReader(prefix)), "length " + n);
    }
  }
}
