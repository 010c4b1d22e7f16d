package io.kubemu.protocols.ipv4;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpProtocolTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "1, icmp", "2, igmp", "4, ipip", "6, tcp", "17, udp", "58, icmpv6", "132, sctp",
      "0, unknown(0)", "41, unknown(41)", "253, unknown(253)", "255, unknown(255)"})
  void namesKnownNumbersAndMarksTheRestUnknown(int number, String name) {
    assertEquals(name, IpProtocol.name(number));
  }

  @Test
  void constantsAreTheIanaNumbers() {
    assertEquals(1, IpProtocol.ICMP);
    assertEquals(2, IpProtocol.IGMP);
    assertEquals(4, IpProtocol.IPIP);
    assertEquals(6, IpProtocol.TCP);
    assertEquals(17, IpProtocol.UDP);
    assertEquals(58, IpProtocol.ICMPV6);
    assertEquals(132, IpProtocol.SCTP);
  }
}
